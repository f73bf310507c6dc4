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
    int ReportBytes,
    int KnowledgeBytes)
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
            c.Int("scenario.report-bytes", 1, 1 << 30),
            c.Int("scenario.knowledge-bytes", 1, 1 << 30));
        if ((long)s.Edges * s.AgentsPerEdge > 10_000_000)
            throw new ConfigException(c.Key("scenario.agents-per-edge"), s.AgentsPerEdge.ToString(), $"edges x agents-per-edge must be at most 10,000,000 (got {(long)s.Edges * s.AgentsPerEdge})");
        if (s.EdgeDeadlineUs >= s.CloudDeadlineUs)
            throw new ConfigException(c.Key("scenario.cloud-deadline"), Durations.Format(s.CloudDeadlineUs), $"must be later than scenario.edge-deadline ({Durations.Format(s.EdgeDeadlineUs)})");
        if (s.CloudDeadlineUs >= s.RoundPeriodUs)
            throw new ConfigException(c.Key("scenario.cloud-deadline"), Durations.Format(s.CloudDeadlineUs), $"must be shorter than scenario.round-period ({Durations.Format(s.RoundPeriodUs)})");
        return s;
    }
}
