using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Actors.Methods;
using MaLAM4Com.Channels;
using MaLAM4Com.Engine.Config;
using MaLAM4Com.Models;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Cli.Config;

/// <summary>
/// The population and round protocol of <c>scenario.*</c>: one cloud with its distillation workers,
/// <c>edges</c> edge coordinators with <c>agents-per-edge</c> agents each spread over <c>regions</c> CSI
/// regions, <c>rounds</c> rounds of <c>round-period</c>, the last <c>late-join.agents</c> share of each edge's
/// agents joining at round <c>late-join.round</c>, and how they learn (<c>learning.*</c>).
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
    double LateJoinShare,
    int LateJoinRound,
    CooperationPolicy Cooperation,
    ICooperationMethod Method,
    LearningSettings Learning,
    int DistillationWorkers,
    string CacheDirectory)
{
    public int Agents => Edges * AgentsPerEdge;

    /// <summary>Most training samples an agent fits with <c>scenario.learning.pooled-data</c>: a reference for small populations.</summary>
    public const int MaxPooledSamples = 100_000;

    /// <summary>The CSI region of agent <paramref name="agent"/> (1-based region ids).</summary>
    public int RegionOf(int agent) => Learning.RegionOf(agent);

    public long DurationUs => Rounds * RoundPeriodUs;

    /// <summary>How many of each edge's agents join late: the late-joining share, rounded up.</summary>
    public int LateAgentsPerEdge => (int)Math.Ceiling(LateJoinShare * AgentsPerEdge - 1e-9);

    /// <summary>The round agent <paramref name="agent"/> joins in: the last late-joining share of each edge's agents join late.</summary>
    public int JoinRoundOf(int agent) => agent % AgentsPerEdge >= AgentsPerEdge - LateAgentsPerEdge ? LateJoinRound : 0;

    public static ScenarioSettings Read(ConfigReader c)
    {
        int edges = c.Int("scenario.edges", 1, 100_000), agentsPerEdge = c.Int("scenario.agents-per-edge", 1, 1_000_000);
        var s = new ScenarioSettings(
            edges,
            agentsPerEdge,
            c.Int("scenario.regions", 1, 110),
            c.Int("scenario.rounds", 1, 1_000_000),
            c.Duration("scenario.round-period", 1),
            c.Duration("scenario.edge-deadline", 1),
            c.Duration("scenario.cloud-deadline", 1),
            c.Double("scenario.quorum", 0, 1),
            c.Double("scenario.late-join.agents", 0, 1),
            c.Int("scenario.late-join.round", 0, 1_000_000),
            new CooperationPolicy(
                c.Double("scenario.cooperation.v", 0, 1e12),
                c.Int("scenario.cooperation.anchors", 1, 1_000_000),
                Sizes(c, "scenario.cooperation.dimensions", 1, 2048),
                Sizes(c, "scenario.cooperation.bits", 1, 32),
                c.Double("scenario.cooperation.byte-budget", 0, 1e15),
                c.Double("scenario.cooperation.energy-budget-mj", 0, 1e15),
                c.Double("scenario.cooperation.tx-energy-mj-per-kb", 0, 1e9),
                c.Double("scenario.cooperation.compute-energy-mj-per-dimension", 0, 1e9)),
            ReadMethod(c),
            ReadLearning(c, (long)edges * agentsPerEdge),
            c.Int("scenario.learning.distillation-workers", 1, 1024),
            HomeRelative(c, "scenario.learning.cache"));
        if ((long)s.Edges * s.AgentsPerEdge > 10_000_000)
            throw new ConfigException(c.Key("scenario.agents-per-edge"), s.AgentsPerEdge.ToString(), $"edges x agents-per-edge must be at most 10,000,000 (got {(long)s.Edges * s.AgentsPerEdge})");
        // A join round past the last would add a round of late joiners alone to the run.
        if (s.LateAgentsPerEdge > 0 && s.LateJoinRound >= s.Rounds)
            throw new ConfigException(c.Key("scenario.late-join.round"), s.LateJoinRound.ToString(),
                $"late joiners join in a round of the run: allowed [0, {s.Rounds - 1}] with scenario.rounds = {s.Rounds} (or scenario.late-join.agents = 0 for none)");
        if (s.EdgeDeadlineUs >= s.CloudDeadlineUs)
            throw new ConfigException(c.Key("scenario.cloud-deadline"), Durations.Format(s.CloudDeadlineUs), $"must be later than scenario.edge-deadline ({Durations.Format(s.EdgeDeadlineUs)})");
        if (s.CloudDeadlineUs >= s.RoundPeriodUs)
            throw new ConfigException(c.Key("scenario.cloud-deadline"), Durations.Format(s.CloudDeadlineUs), $"must be shorter than scenario.round-period ({Durations.Format(s.RoundPeriodUs)})");
        if (s.Learning.SamplesMax < s.Learning.SamplesMin)
            throw new ConfigException(c.Key("scenario.learning.samples-max"), s.Learning.SamplesMax.ToString(), $"must be at least scenario.learning.samples-min ({s.Learning.SamplesMin})");
        long pooled = s.Learning.PooledData ? (s.Agents + s.Regions - 1) / s.Regions * (long)s.Learning.SamplesMax : 0;
        if (pooled > MaxPooledSamples)
            throw new ConfigException(c.Key("scenario.learning.pooled-data"), "true",
                $"each agent would fit all its region's agents' samples, up to {pooled:N0} (agents per region x scenario.learning.samples-max): at most {MaxPooledSamples:N0}; pool a smaller population");
        if (s.Learning.Anchors > s.Learning.LamPoolSamplesPerRegion)
            throw new ConfigException(c.Key("scenario.cooperation.anchors"), s.Learning.Anchors.ToString(), $"the anchors are distilled from the cloud's pool: at most scenario.learning.lam-pool-samples ({s.Learning.LamPoolSamplesPerRegion})");
        CheckOutputAxes(c, s);
        return s;
    }

    // Agents share leading output coordinates, and those are principal axes of the cloud's pool of each region.
    private static void CheckOutputAxes(ConfigReader c, ScenarioSettings s)
    {
        var dimensions = s.Cooperation.Dimensions;
        string list = $"[{string.Join(", ", dimensions)}]";
        bool full = s.Learning.Fidelity == Fidelity.Full;
        if (full && dimensions.Max() > s.Learning.OutputAxes)
            throw new ConfigException(c.Key("scenario.cooperation.dimensions"), list, $"agents share leading output coordinates: each at most scenario.learning.output-axes ({s.Learning.OutputAxes})");
        int axes = full ? s.Learning.OutputAxes : dimensions.Max();
        int most = s.Learning.LamPoolSamplesPerRegion - 1;
        if (axes > most)
            throw new ConfigException(c.Key(full ? "scenario.learning.output-axes" : "scenario.cooperation.dimensions"), full ? axes.ToString() : list,
                $"output coordinates are principal axes of the cloud's pool of scenario.learning.lam-pool-samples ({s.Learning.LamPoolSamplesPerRegion}) per region: at most {most}");
    }

    /// <summary>The method <c>scenario.learning.method</c> names (see <see cref="CooperationMethods.Resolve"/>).</summary>
    private static ICooperationMethod ReadMethod(ConfigReader c)
    {
        string name = c.String("scenario.learning.method");
        try
        {
            return CooperationMethods.Resolve(name);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(c.Key("scenario.learning.method"), $"\"{name}\"", e.Message);
        }
    }

    private static LearningSettings ReadLearning(ConfigReader c, long agents)
    {
        string rhoText = c.String("scenario.learning.rho");
        double rho;
        try
        {
            rho = SamplingRatio.Parse(rhoText, "rho");
            SamplingRatio.Measurements(rho, ChannelLayout.RealsPerSample, "rho");
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(c.Key("scenario.learning.rho"), $"\"{rhoText}\"", e.Message);
        }
        return new LearningSettings(
            Fidelities.Parse(c.String("scenario.learning.fidelity", [.. Fidelities.All])),
            rho,
            c.Int("scenario.regions", 1, 110),
            (int)Math.Min(agents, int.MaxValue),
            c.Int("scenario.cooperation.anchors", 1, 1_000_000),
            c.Int("scenario.learning.samples-min", 1, 1_000_000),
            c.Int("scenario.learning.samples-max", 1, 1_000_000),
            c.Int("scenario.learning.test-samples", 1, 1_000_000),
            c.Bool("scenario.learning.pooled-data"),
            c.Int("scenario.learning.input-axes", 1, 2048),
            c.Int("scenario.learning.output-axes", 1, ChannelLayout.RealsPerSample),
            c.Double("scenario.learning.distill-weight", 0, 1e6),
            c.Double("scenario.learning.prior-share", 0, 1),
            c.Double("scenario.learning.consensus-weight", 0, 1e6),
            c.Double("scenario.learning.teacher-share", 0, 1),
            c.Bool("scenario.learning.elastic-teacher"),
            c.Double("scenario.learning.staleness-discount", 0, 1),
            c.Int("scenario.learning.max-staleness", 0, 1_000_000),
            c.String("scenario.learning.lam-preset", ModelPreset.Names),
            c.Int("scenario.learning.lam-pool-samples", 1, 1_000_000),
            c.Int("scenario.learning.lam-epochs", 1, 10_000),
            c.Int("scenario.learning.lam-batch-size", 1, 1_000_000),
            c.Double("scenario.learning.lam-learning-rate", 1e-6, 1),
            c.Int("scenario.learning.lam-warmup-epochs", 0, 10_000),
            c.Int("scenario.learning.lam-fresh-samples", 0, 1_000_000),
            c.Int("scenario.learning.distillation-steps", 0, 1_000_000),
            c.Int("scenario.learning.lam-stem-rank", 0, ChannelLayout.RealsPerSample),
            new LiteSettings(
                c.Int("scenario.learning.lite.input-axes", 1, 2048),
                c.Int("scenario.learning.lite.pool-samples", 2, 1_000_000),
                c.Int("scenario.learning.lite.test-pool-samples", 1, 1_000_000),
                c.Int("scenario.learning.lite.teacher-samples", 2, 1_000_000)));
    }

    // A leading ~ is the user's home folder, so that runs started in different folders share one cache.
    private static string HomeRelative(ConfigReader c, string key)
    {
        string path = c.String(key);
        if (path != "~" && !path.StartsWith("~/", StringComparison.Ordinal))
            return path;
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length == 0)
            throw new ConfigException(c.Key(key), $"\"{path}\"", "a leading ~ needs a home folder, and HOME is not set");
        return Path.Combine(home, path.TrimStart('~').TrimStart('/'));
    }

    private static List<int> Sizes(ConfigReader c, string key, int min, int max)
    {
        var values = c.Strings(key).Select(text => int.TryParse(text, out int v) && v >= min && v <= max
            ? v
            : throw new ConfigException(c.Key(key), $"[{text}]", $"each entry must be a whole number in [{min}, {max}]")).ToList();
        if (values.Count == 0)
            throw new ConfigException(c.Key(key), "[]", "needs at least one entry");
        return values;
    }
}
