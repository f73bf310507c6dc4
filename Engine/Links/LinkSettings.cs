using MaLAM4Com.Engine.Config;

namespace MaLAM4Com.Engine.Links;

/// <summary>
/// The link model of <c>link.*</c> by name: one of the engine's generic models (<see cref="LinkModelNames"/>),
/// or one that the program adds (<paramref name="Model"/> then names it, and the program builds it),
/// with the generic models' parameters.
/// </summary>
public sealed record LinkSettings(string Model, long PropagationUs, double RateMbps, long MinDelayUs, long MaxDelayUs)
{
    /// <summary>Whether <see cref="Model"/> is one of the engine's own.</summary>
    public bool IsGeneric => LinkModelNames.Generic.Contains(Model);

    /// <summary>The engine's model of this name; a program's own models are built by the program.</summary>
    public ILinkModel CreateGeneric(ulong seed) => Model switch
    {
        LinkModelNames.FixedRate => new FixedRateLinkModel(PropagationUs, RateMbps * 1e6),
        LinkModelNames.RandomDelay => new RandomDelayLinkModel(seed, MinDelayUs, MaxDelayUs, RateMbps * 1e6),
        _ => throw new InvalidOperationException($"link model '{Model}' is not one of the engine's ({string.Join(", ", LinkModelNames.Generic)}); the program builds it"),
    };

    /// <param name="extraModels">Names of the models the program adds to the engine's.</param>
    public static LinkSettings Read(ConfigReader c, IReadOnlyList<string> extraModels)
    {
        var model = c.String("link.model", [.. LinkModelNames.Generic, .. extraModels]);
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
