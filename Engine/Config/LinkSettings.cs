using MaLAM4Com.Channels.Links;

namespace MaLAM4Com.Engine.Config;

/// <summary>The link model (<c>link.*</c>): fixed-rate (one propagation delay and rate) or random-delay (a delay per link drawn from [min, max]).</summary>
public sealed record LinkSettings(string Model, long PropagationUs, double RateMbps, long MinDelayUs, long MaxDelayUs)
{
    public static readonly string[] Models = ["fixed-rate", "random-delay"];

    public ILinkModel Create(ulong seed) => Model switch
    {
        "fixed-rate" => new FixedRateLinkModel(PropagationUs, RateMbps * 1e6),
        _ => new RandomDelayLinkModel(seed, MinDelayUs, MaxDelayUs, RateMbps * 1e6),
    };

    public static LinkSettings Read(ConfigReader c)
    {
        var model = c.String("link.model", Models);
        var settings = new LinkSettings(
            model,
            c.Duration("link.fixed-rate.propagation", 1),
            c.Double("link.rate-mbps", 1e-6, 1e9),
            c.Duration("link.random-delay.min", 1),
            c.Duration("link.random-delay.max", 1));
        if (settings.MaxDelayUs < settings.MinDelayUs)
            throw new ConfigException(c.Key("link.random-delay.max"), Durations.Format(settings.MaxDelayUs), $"must be at least link.random-delay.min ({Durations.Format(settings.MinDelayUs)})");
        return settings;
    }
}
