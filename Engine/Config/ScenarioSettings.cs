using MaLAM4Com.Actors.Protocol;

namespace MaLAM4Com.Engine.Config;

/// <summary>
/// The population and round protocol of <c>scenario.*</c>: one cloud, <c>edges</c> edge
/// coordinators with <c>agents-per-edge</c> agents each spread over <c>regions</c> CSI regions,
/// <c>rounds</c> rounds of <c>round-period</c>.
/// </summary>
public sealed record ScenarioSettings(
    int Edges,
    int AgentsPerEdge,
    int Regions,
    int Rounds,
    long RoundPeriodUs,
    long EdgeDeadlineUs,
    long CloudDeadlineUs,
    double Quorum,
    int KnowledgeBytes,
    CooperationPolicy Cooperation)
{
    public int Agents => Edges * AgentsPerEdge;

    /// <summary>The CSI region of agent <paramref name="agent"/> (1-based region ids).</summary>
    public int RegionOf(int agent) => 1 + agent % Regions;

    public long DurationUs => Rounds * RoundPeriodUs;

    public static ScenarioSettings Read(ConfigReader c)
    {
        var s = new ScenarioSettings(
            c.Int("scenario.edges", 1, 100_000),
            c.Int("scenario.agents-per-edge", 1, 1_000_000),
            c.Int("scenario.regions", 1, 110),
            c.Int("scenario.rounds", 1, 1_000_000),
            c.Duration("scenario.round-period", 1),
            c.Duration("scenario.edge-deadline", 1),
            c.Duration("scenario.cloud-deadline", 1),
            c.Double("scenario.quorum", 0, 1),
            c.Int("scenario.knowledge-bytes", 1, 1 << 30),
            new CooperationPolicy(
                c.Double("scenario.cooperation.v", 0, 1e12),
                c.Int("scenario.cooperation.anchors", 1, 1_000_000),
                Sizes(c, "scenario.cooperation.dimensions", 1, 2048),
                Sizes(c, "scenario.cooperation.bits", 1, 32),
                c.Double("scenario.cooperation.byte-budget", 0, 1e15),
                c.Double("scenario.cooperation.energy-budget-mj", 0, 1e15),
                c.Double("scenario.cooperation.tx-energy-mj-per-kb", 0, 1e9),
                c.Double("scenario.cooperation.compute-energy-mj-per-dimension", 0, 1e9)));
        if ((long)s.Edges * s.AgentsPerEdge > 10_000_000)
            throw new ConfigException(c.Key("scenario.agents-per-edge"), s.AgentsPerEdge.ToString(), $"edges x agents-per-edge must be at most 10,000,000 (got {(long)s.Edges * s.AgentsPerEdge})");
        if (s.EdgeDeadlineUs >= s.CloudDeadlineUs)
            throw new ConfigException(c.Key("scenario.cloud-deadline"), Durations.Format(s.CloudDeadlineUs), $"must be later than scenario.edge-deadline ({Durations.Format(s.EdgeDeadlineUs)})");
        if (s.CloudDeadlineUs >= s.RoundPeriodUs)
            throw new ConfigException(c.Key("scenario.cloud-deadline"), Durations.Format(s.CloudDeadlineUs), $"must be shorter than scenario.round-period ({Durations.Format(s.RoundPeriodUs)})");
        return s;
    }

    private static IReadOnlyList<int> Sizes(ConfigReader c, string key, int min, int max)
    {
        var values = c.Strings(key).Select(text => int.TryParse(text, out int v) && v >= min && v <= max
            ? v
            : throw new ConfigException(c.Key(key), $"[{text}]", $"each entry must be a whole number in [{min}, {max}]")).ToList();
        if (values.Count == 0)
            throw new ConfigException(c.Key(key), "[]", "needs at least one entry");
        return values;
    }
}
