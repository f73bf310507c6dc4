namespace MaLAM4Com.Engine.Links;

/// <summary>The names of the engine's generic link models in <c>link.model</c>.</summary>
public static class LinkModelNames
{
    /// <summary>One propagation delay for every link, plus bytes over the link rate (<see cref="FixedRateLinkModel"/>).</summary>
    public const string FixedRate = "fixed-rate";

    /// <summary>A propagation delay per directed link drawn from the seed, plus bytes over the rate (<see cref="RandomDelayLinkModel"/>).</summary>
    public const string RandomDelay = "random-delay";

    public static readonly IReadOnlyList<string> Generic = [FixedRate, RandomDelay];
}
