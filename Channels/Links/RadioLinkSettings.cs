using MaLAM4Com.Engine.Config;

namespace MaLAM4Com.Channels.Links;

/// <summary>
/// Parameters of <see cref="RadioLinkModel"/>, per link class. Radio links get a Shannon rate from
/// their bandwidth and SNR; backhaul and cloud-local links are wired, with a fixed rate. Every class
/// adds a fixed latency (scheduling, processing, switching), which is also the kernel's lookahead.
/// Immutable; <see cref="Validate"/> throws an <see cref="ArgumentException"/> naming the bad parameter.
/// </summary>
public sealed record RadioLinkSettings
{
    public double CarrierHz { get; init; } = CsiGeneratorSettings.DefaultCarrierHz;
    /// <summary>Bandwidth of one device-edge radio link.</summary>
    public double RadioBandwidthHz { get; init; } = 20e6;
    public double DeviceTxPowerDbm { get; init; } = 23;
    public double EdgeTxPowerDbm { get; init; } = 44;
    /// <summary>Transmit plus receive antenna gain.</summary>
    public double AntennaGainsDb { get; init; }
    public double NoiseFigureDb { get; init; } = 7;
    public double NoiseDensityDbmPerHz { get; init; } = -174;
    public double EdgeHeightM { get; init; } = 10;
    public double DeviceHeightM { get; init; } = 1.5;
    /// <summary>Log-normal shadowing standard deviations (38.901 UMi: 4 dB LOS, 7.82 dB NLOS).</summary>
    public double ShadowingLosStdDb { get; init; } = 4;
    public double ShadowingNlosStdDb { get; init; } = 7.82;
    public long RadioLatencyUs { get; init; } = 1000;
    public double BackhaulRateBitsPerSecond { get; init; } = 1e9;
    public long BackhaulLatencyUs { get; init; } = 2000;
    public double CloudLocalRateBitsPerSecond { get; init; } = 10e9;
    public long CloudLocalLatencyUs { get; init; } = 50;

    /// <summary>The radio parameters of <c>link.radio.*</c> (the rest keep their defaults).</summary>
    public static RadioLinkSettings Read(ConfigReader c) => new()
    {
        RadioBandwidthHz = c.Double("link.radio.bandwidth-mhz", 1e-3, 1e5) * 1e6,
        DeviceTxPowerDbm = c.Double("link.radio.device-tx-power-dbm", -50, 60),
        EdgeTxPowerDbm = c.Double("link.radio.edge-tx-power-dbm", -50, 80),
        NoiseFigureDb = c.Double("link.radio.noise-figure-db", 0, 30),
        ShadowingLosStdDb = c.Double("link.radio.shadowing-los-db", 0, 30),
        ShadowingNlosStdDb = c.Double("link.radio.shadowing-nlos-db", 0, 30),
        RadioLatencyUs = c.Duration("link.radio.latency", 1),
        BackhaulRateBitsPerSecond = c.Double("link.radio.backhaul-rate-mbps", 1e-3, 1e9) * 1e6,
        BackhaulLatencyUs = c.Duration("link.radio.backhaul-latency", 1),
    };

    public void Validate()
    {
        RequirePositive(CarrierHz, nameof(CarrierHz));
        RequirePositive(RadioBandwidthHz, nameof(RadioBandwidthHz));
        RequirePositive(BackhaulRateBitsPerSecond, nameof(BackhaulRateBitsPerSecond));
        RequirePositive(CloudLocalRateBitsPerSecond, nameof(CloudLocalRateBitsPerSecond));
        if (!(EdgeHeightM > 1) || !(DeviceHeightM > 1) || EdgeHeightM <= DeviceHeightM)
            throw new ArgumentException(
                $"{nameof(EdgeHeightM)} ({EdgeHeightM}) must exceed {nameof(DeviceHeightM)} ({DeviceHeightM}), and both 1 m (the UMi model's environment height)",
                nameof(EdgeHeightM));
        if (!(ShadowingLosStdDb >= 0))
            throw new ArgumentException($"{nameof(ShadowingLosStdDb)} must not be negative (got {ShadowingLosStdDb})", nameof(ShadowingLosStdDb));
        if (!(ShadowingNlosStdDb >= 0))
            throw new ArgumentException($"{nameof(ShadowingNlosStdDb)} must not be negative (got {ShadowingNlosStdDb})", nameof(ShadowingNlosStdDb));
        foreach (var (value, name) in new[]
                 {
                     (DeviceTxPowerDbm, nameof(DeviceTxPowerDbm)), (EdgeTxPowerDbm, nameof(EdgeTxPowerDbm)),
                     (AntennaGainsDb, nameof(AntennaGainsDb)), (NoiseFigureDb, nameof(NoiseFigureDb)),
                     (NoiseDensityDbmPerHz, nameof(NoiseDensityDbmPerHz)),
                 })
            if (!double.IsFinite(value))
                throw new ArgumentException($"{name} must be a finite number (got {value})", name);
        RequireLatency(RadioLatencyUs, nameof(RadioLatencyUs));
        RequireLatency(BackhaulLatencyUs, nameof(BackhaulLatencyUs));
        RequireLatency(CloudLocalLatencyUs, nameof(CloudLocalLatencyUs));
    }

    private static void RequirePositive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentException($"{name} must be a positive number (got {value})", name);
    }

    private static void RequireLatency(long value, string name)
    {
        if (value < 1)
            throw new ArgumentException($"{name} must be at least 1 µs, the kernel's smallest lookahead (got {value})", name);
    }
}
