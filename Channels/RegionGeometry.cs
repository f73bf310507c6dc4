using MaLAM4Com.Engine.Randomness;

namespace MaLAM4Com.Channels;

/// <summary>
/// Where the regions lie in the cell: circular regions placed uniformly (by area) in the base
/// station's sector, at least <see cref="CsiGeneratorSettings.MinRegionSeparationM"/> apart.
/// Regions are placed in id order from one seeded stream, so region r's centre depends only on the
/// seed and the regions before it, never on how many regions a run asks for.
/// </summary>
public sealed class RegionGeometry
{
    private const int MaxPlacementTries = 10_000;
    private readonly Position2D[] _centres;

    public RegionGeometry(CsiGeneratorSettings settings, ulong seed)
    {
        settings.Validate();
        Settings = settings;
        _centres = PlaceCentres(settings, seed);
    }

    public CsiGeneratorSettings Settings { get; }

    public int RegionCount => _centres.Length;

    /// <summary>Odd ids are NLOS, even ids LOS (docs/methods.md).</summary>
    public static bool IsLineOfSight(int region) => region % 2 == 0;

    public Position2D Centre(int region)
    {
        CheckRegion(region, nameof(region));
        return _centres[region - 1];
    }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming <paramref name="paramName"/> unless 1 &lt;= region &lt;= RegionCount.</summary>
    public void CheckRegion(int region, string paramName)
    {
        if (region < 1 || region > _centres.Length)
            throw new ArgumentOutOfRangeException(paramName, region, $"region ids run from 1 to {_centres.Length}");
    }

    /// <summary>A user position drawn uniformly in the region's disc.</summary>
    public Position2D PlaceUser(int region, ref Xoshiro256 rng)
    {
        var centre = _centres[region - 1];
        double r = Settings.RegionRadiusM * Math.Sqrt(rng.NextDouble());
        double phi = 2 * Math.PI * rng.NextDouble();
        return new Position2D(centre.X + r * Math.Cos(phi), centre.Y + r * Math.Sin(phi));
    }

    private static Position2D[] PlaceCentres(CsiGeneratorSettings s, ulong seed)
    {
        var rng = RandomStream.RegionLayout.Generator(seed);
        double rMin = s.MinRegionDistanceM, rMax = s.CellRadiusM - s.RegionRadiusM;
        double halfWidth = s.SectorHalfWidthDeg * Math.PI / 180;
        var centres = new Position2D[s.RegionCount];
        for (int i = 0; i < centres.Length; i++)
        {
            for (int attempt = 0; ; attempt++)
            {
                if (attempt == MaxPlacementTries)
                    throw new ArgumentException(
                        $"cannot place {s.RegionCount} regions {s.MinRegionSeparationM} m apart in the cell; lower {nameof(s.RegionCount)} or {nameof(s.MinRegionSeparationM)}",
                        nameof(s));
                double r = Math.Sqrt(rMin * rMin + rng.NextDouble() * (rMax * rMax - rMin * rMin));
                double phi = (2 * rng.NextDouble() - 1) * halfWidth;
                var candidate = new Position2D(r * Math.Cos(phi), r * Math.Sin(phi));
                if (!TooClose(candidate, centres.AsSpan(0, i), s.MinRegionSeparationM))
                {
                    centres[i] = candidate;
                    break;
                }
            }
        }
        return centres;
    }

    private static bool TooClose(Position2D candidate, ReadOnlySpan<Position2D> placed, double separation)
    {
        foreach (var p in placed)
            if (p.DistanceTo(candidate) < separation)
                return true;
        return false;
    }
}
