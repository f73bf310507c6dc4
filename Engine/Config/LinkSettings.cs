using MaLAM4Com.Channels.Links;

namespace MaLAM4Com.Engine.Config;

/// <summary>
/// The link model (<c>link.*</c>): fixed-rate (one propagation delay and rate), random-delay (a delay
/// per link drawn from [min, max]) or radio (UMi path loss, shadowing and Shannon rate on
/// device-edge links, wired backhaul between edges and the cloud).
/// </summary>
public sealed record LinkSettings(string Model, long PropagationUs, double RateMbps, long MinDelayUs, long MaxDelayUs, RadioLinkSettings Radio)
{
    public static readonly string[] Models = ["fixed-rate", "random-delay", "radio"];

    /// <summary>The model; the radio model needs each entity's place (<paramref name="endpoints"/>, by kernel index).</summary>
    public ILinkModel Create(ulong seed, IReadOnlyList<LinkEndpoint> endpoints) => Model switch
    {
        "fixed-rate" => new FixedRateLinkModel(PropagationUs, RateMbps * 1e6),
        "random-delay" => new RandomDelayLinkModel(seed, MinDelayUs, MaxDelayUs, RateMbps * 1e6),
        _ => new RadioLinkModel(Radio, endpoints, seed),
    };

    public static LinkSettings Read(ConfigReader c)
    {
        var model = c.String("link.model", Models);
        var radio = new RadioLinkSettings
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
        var settings = new LinkSettings(
            model,
            c.Duration("link.fixed-rate.propagation", 1),
            c.Double("link.rate-mbps", 1e-6, 1e9),
            c.Duration("link.random-delay.min", 1),
            c.Duration("link.random-delay.max", 1),
            radio);
        if (settings.MaxDelayUs < settings.MinDelayUs)
            throw new ConfigException(c.Key("link.random-delay.max"), Durations.Format(settings.MaxDelayUs), $"must be at least link.random-delay.min ({Durations.Format(settings.MinDelayUs)})");
        return settings;
    }
}
