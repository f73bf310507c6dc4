using System.Text.Json.Serialization;

namespace MaLAM4Com.Channels;

/// <summary>
/// Every parameter of the CSI generator, with the defaults of docs/methods.md ("Notation and data").
/// Immutable; <see cref="Validate"/> throws an <see cref="ArgumentException"/> naming the bad parameter.
/// The cluster tables default to 38.901 UMi at the default carrier; when changing the carrier,
/// set them from <see cref="ClusterModelParameters.UmiLineOfSight"/> and its NLOS sibling as well.
/// </summary>
public sealed record CsiGeneratorSettings
{
    public const double DefaultCarrierHz = 2.655e9;

    /// <summary>Base-station ULA elements Nt.</summary>
    public int Antennas { get; init; } = 32;
    /// <summary>Subcarriers Nc, evenly spread over <see cref="BandwidthHz"/>.</summary>
    public int Subcarriers { get; init; } = 32;
    public double CarrierHz { get; init; } = DefaultCarrierHz;
    public double BandwidthHz { get; init; } = 70e6;
    /// <summary>ULA element spacing in wavelengths.</summary>
    public double AntennaSpacingWavelengths { get; init; } = 0.5;
    public double CellRadiusM { get; init; } = 200;
    public double RegionRadiusM { get; init; } = 5;
    /// <summary>Regions have ids 1..RegionCount; odd ids NLOS, even ids LOS.</summary>
    public int RegionCount { get; init; } = 110;
    /// <summary>Nearest a region centre may be to the base station (keeps users in the far field and in the path-loss model's range).</summary>
    public double MinRegionDistanceM { get; init; } = 20;
    /// <summary>Region centres lie within this azimuth of the array broadside: the sector the ULA serves.</summary>
    public double SectorHalfWidthDeg { get; init; } = 60;
    /// <summary>Smallest distance between two region centres, so regions do not overlap.</summary>
    public double MinRegionSeparationM { get; init; } = 10;
    /// <summary>Extra path every scatterer adds beyond the direct path, so no scatterer sits on the direct line.</summary>
    public double MinExcessPathM { get; init; } = 3;
    public ClusterModelParameters LineOfSight { get; init; } = ClusterModelParameters.UmiLineOfSight(DefaultCarrierHz);
    public ClusterModelParameters NonLineOfSight { get; init; } = ClusterModelParameters.UmiNonLineOfSight(DefaultCarrierHz);

    [JsonIgnore]
    public CsiShape Shape => new(Antennas, Subcarriers);

    [JsonIgnore]
    public double WavelengthM => PhysicalConstants.SpeedOfLight / CarrierHz;

    public void Validate()
    {
        if (Antennas < 1)
            throw new ArgumentException($"{nameof(Antennas)} must be at least 1 (got {Antennas})", nameof(Antennas));
        if (Subcarriers < 1)
            throw new ArgumentException($"{nameof(Subcarriers)} must be at least 1 (got {Subcarriers})", nameof(Subcarriers));
        RequirePositive(CarrierHz, nameof(CarrierHz));
        RequirePositive(BandwidthHz, nameof(BandwidthHz));
        RequirePositive(AntennaSpacingWavelengths, nameof(AntennaSpacingWavelengths));
        RequirePositive(RegionRadiusM, nameof(RegionRadiusM));
        RequirePositive(MinRegionDistanceM, nameof(MinRegionDistanceM));
        RequirePositive(MinExcessPathM, nameof(MinExcessPathM));
        if (MinRegionSeparationM < 0)
            throw new ArgumentException($"{nameof(MinRegionSeparationM)} must not be negative (got {MinRegionSeparationM})", nameof(MinRegionSeparationM));
        if (CellRadiusM < MinRegionDistanceM + RegionRadiusM)
            throw new ArgumentException(
                $"{nameof(CellRadiusM)} ({CellRadiusM}) must be at least {nameof(MinRegionDistanceM)} + {nameof(RegionRadiusM)} ({MinRegionDistanceM + RegionRadiusM})",
                nameof(CellRadiusM));
        if (SectorHalfWidthDeg <= 0 || SectorHalfWidthDeg > 90)
            throw new ArgumentException($"{nameof(SectorHalfWidthDeg)} must be in (0, 90] (got {SectorHalfWidthDeg})", nameof(SectorHalfWidthDeg));
        if (RegionCount < 1)
            throw new ArgumentException($"{nameof(RegionCount)} must be at least 1 (got {RegionCount})", nameof(RegionCount));
        LineOfSight.Validate(nameof(LineOfSight));
        NonLineOfSight.Validate(nameof(NonLineOfSight));
    }

    private static void RequirePositive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentException($"{name} must be a positive number (got {value})", name);
    }
}
