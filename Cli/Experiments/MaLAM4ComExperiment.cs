using System.Globalization;
using MaLAM4Com.Actors.Methods;
using MaLAM4Com.Channels;
using MaLAM4Com.Cli.Config;
using MaLAM4Com.Cli.Scenarios;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Models;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Cli.Experiments;

/// <summary>
/// What <c>experiment malam4com</c> runs: every method at every rho, then at <see cref="SweepRho"/> MaLAM4Com's V sweep, link-loss
/// sweep and dimension sweep (each run sharing embeddings of that one dimension), and, when <see cref="LiteCheck"/>, every method and
/// every sweep again at lite fidelity (whether lite ranks the methods as full fidelity does and its sweeps move the same way);
/// <see cref="GenieFitSamples"/> per region fit the genie reference at every rho (0: no reference; full fidelity only). With
/// <see cref="PooledReference"/>, MaLAM4Com runs once more at the sweep rho with V = 0 and each region's training samples pooled
/// (<c>scenario.learning.pooled-data</c>): the most that sharing a region's knowledge could buy.
/// </summary>
public sealed record MaLAM4ComPlan(
    IReadOnlyList<double> Rhos,
    IReadOnlyList<ICooperationMethod> Methods,
    double SweepRho,
    IReadOnlyList<double> Vs,
    IReadOnlyList<double> LossRates,
    IReadOnlyList<int> Dimensions,
    int DownstreamDimension,
    int DownstreamSamplesPerRegion,
    int GenieFitSamples,
    bool LiteCheck = false,
    bool PooledReference = false);

/// <summary>
/// One simulation of the experiment: what it varies, at which fidelity, its parameters (<paramref name="Dimension"/>: the one
/// embedding dimension agents share, null for the configured ones) and what came of it.
/// </summary>
public sealed record MaLAM4ComPoint(ExperimentSweep Sweep, Fidelity Fidelity, ICooperationMethod Method, double Rho, double V, double LossRate, int? Dimension,
    ScenarioOutcome? Outcome, string? Error, int Agents)
{
    public bool Completed => Outcome is not null && Error is null;

    /// <summary>The value its sweep varies (NaN for a method run).</summary>
    public double Swept => Sweep switch
    {
        ExperimentSweep.V => V,
        ExperimentSweep.Loss => LossRate,
        ExperimentSweep.Dimension => Dimension ?? double.NaN,
        _ => double.NaN,
    };

    /// <summary>The last round's mean test NMSE over the agents (dB), or NaN when the run failed.</summary>
    public double NmseDb => Outcome?.Last?.MeanNmseDb ?? double.NaN;

    /// <summary>Whether the last round measured every agent: none lost from the simulator's own state.</summary>
    public bool AllAgentsAccountedFor => Outcome?.Last?.Agents == Agents;

    public double MeanAgentCostBytes => Outcome is { AgentMeanCostBytes.Count: > 0 } o ? o.AgentMeanCostBytes.Values.Average() : double.NaN;

    public double MaxAgentCostBytes => Outcome is { AgentMeanCostBytes.Count: > 0 } o ? o.AgentMeanCostBytes.Values.Max() : double.NaN;

    public SharingTally Sharing => Outcome?.Sharing ?? SharingTally.None;

    /// <summary>
    /// The region mean: over the regions, each region's NMSE in dB (what LOS regions weigh in); NaN when the run failed. With
    /// <paramref name="recent"/>, of each agent's mean over its last rounds rather than its last: the sweeps compare those, so that
    /// one round's draw of losses does not decide their order.
    /// </summary>
    public double RegionMeanDb(ScenarioSettings scenario, bool recent = false) =>
        RegionNmse(scenario, recent) is { Count: > 0 } regions ? regions.Values.Average(ChannelMetrics.ToDb) : double.NaN;

    /// <summary>
    /// How this run's regions moved from <paramref name="before"/>'s, paired over the regions both measured: per region, the change
    /// of its NMSE in dB over its agents' last rounds. The mean of the changes is the change of the region mean. Null with fewer than
    /// two regions in common, which leave no spread to judge a change by.
    /// </summary>
    public PairedDifference? RecentRegionChange(MaLAM4ComPoint before, ScenarioSettings scenario) =>
        SweepSteps.RegionChange(before.RecentRegionDb(scenario), RecentRegionDb(scenario));

    /// <summary>Per region, its agents' NMSE over their last rounds in dB; empty when the run failed.</summary>
    public IReadOnlyDictionary<int, double> RecentRegionDb(ScenarioSettings scenario) =>
        RegionNmse(scenario, recent: true).ToDictionary(kv => kv.Key, kv => ChannelMetrics.ToDb(kv.Value));

    /// <summary>Per region, the mean of its agents' last test NMSE (linear; with <paramref name="recent"/>, of their means over their last rounds); empty when the run failed.</summary>
    public IReadOnlyDictionary<int, double> RegionNmse(ScenarioSettings scenario, bool recent = false) => Outcome is null
        ? new Dictionary<int, double>()
        : (recent ? Outcome.AgentRecentNmse : Outcome.AgentLastNmse)
            .GroupBy(agent => scenario.RegionOf(agent.Key - scenario.Edges - 1), agent => agent.Value)
            .OrderBy(region => region.Key)
            .ToDictionary(region => region.Key, region => region.Average());
}

/// <summary>
/// The MaLAM4Com comparison: the same scenario run for each method and sampling ratio, the V
/// sweep (average cost against the byte budget, NMSE) and the link-loss sweep, plus the downstream task on
/// embeddings against raw CSI. Runs that fail are recorded with their error, not dropped.
/// </summary>
public static class MaLAM4ComExperiment
{

    public static MaLAM4ComResult Run(SimulationSettings baseSettings, MaLAM4ComPlan plan, TextWriter log, Action<string> progress)
    {
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var baseFidelity = baseSettings.Scenario.Learning.Fidelity;
        double defaultV = baseSettings.Scenario.Cooperation.V;
        double defaultLoss = baseSettings.Faults.Loss.IidRate;
        var runs = new List<(ExperimentSweep Sweep, Fidelity Fidelity, ICooperationMethod Method, double Rho, double V, double Loss, int? Dimension)>();
        void Sweeps(Fidelity fidelity)
        {
            var m = CooperationMethods.MaLAM4Com;
            foreach (double v in plan.Vs)
                runs.Add((ExperimentSweep.V, fidelity, m, plan.SweepRho, v, defaultLoss, null));
            foreach (double loss in plan.LossRates)
                runs.Add((ExperimentSweep.Loss, fidelity, m, plan.SweepRho, defaultV, loss, null));
            foreach (int d in plan.Dimensions)
                runs.Add((ExperimentSweep.Dimension, fidelity, m, plan.SweepRho, defaultV, defaultLoss, d));
        }
        foreach (double rho in plan.Rhos)
            foreach (var method in plan.Methods)
                runs.Add((ExperimentSweep.Methods, baseFidelity, method, rho, defaultV, defaultLoss, null));
        Sweeps(baseFidelity);
        // A lite run would only repeat itself at lite.
        if (plan.LiteCheck && baseFidelity == Fidelity.Full)
        {
            foreach (var method in plan.Methods)
                runs.Add((ExperimentSweep.Methods, Fidelity.Lite, method, plan.SweepRho, defaultV, defaultLoss, null));
            Sweeps(Fidelity.Lite);
        }
        if (plan.PooledReference)
            runs.Add((ExperimentSweep.PooledData, baseFidelity, CooperationMethods.MaLAM4Com, plan.SweepRho, 0, defaultLoss, null));
        var points = new List<MaLAM4ComPoint>();
        var done = new Dictionary<(Fidelity, string, double, double, double, int?, bool), MaLAM4ComPoint>();
        for (int i = 0; i < runs.Count; i++)
        {
            var (sweep, fidelity, method, rho, v, loss, dimension) = runs[i];
            // A sweep point equal to a run already made (default V, default loss) is that run, not a second simulation.
            bool pooled = sweep == ExperimentSweep.PooledData;
            var key = (fidelity, method.Name, rho, v, loss, dimension, pooled);
            if (done.TryGetValue(key, out var same))
            {
                points.Add(same with { Sweep = sweep, Dimension = dimension });
                continue;
            }
            var settings = With(baseSettings, fidelity, method, rho, v, loss, dimension, pooled);
            string label = string.Create(CultureInfo.InvariantCulture,
                $"{(fidelity == baseFidelity ? "" : fidelity.Name() + " ")}{sweep.Name()}: {method.Name} rho {SamplingRatio.Format(rho)} V {v:G4} loss {loss:P0}{(dimension is { } d ? $" dimension {d}" : "")}");
            progress($"[{i + 1}/{runs.Count}] {label} (elapsed {wall.Elapsed:hh\\:mm\\:ss})");
            MaLAM4ComPoint point;
            try
            {
                var outcome = ScenarioRunner.Run(settings, openTrace: null, log);
                point = new MaLAM4ComPoint(sweep, fidelity, method, rho, v, loss, dimension, outcome, null, settings.Scenario.Agents);
                progress(string.Create(CultureInfo.InvariantCulture, $"    NMSE {point.NmseDb:F2} dB, {outcome.BytesPerRound:N0} cooperation bytes per round, {outcome.Result.Wall.TotalSeconds:F0} s"));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                point = new MaLAM4ComPoint(sweep, fidelity, method, rho, v, loss, dimension, null, e.Message, settings.Scenario.Agents);
                progress($"    failed: {e.Message}");
            }
            done[key] = point;
            points.Add(point);
        }
        progress($"downstream task at rho {SamplingRatio.Format(plan.SweepRho)}, d = {plan.DownstreamDimension}");
        var downstream = Downstream(With(baseSettings, baseFidelity, CooperationMethods.MaLAM4Com, plan.SweepRho, defaultV, defaultLoss, null), plan, log);
        var genie = new Dictionary<double, IReadOnlyDictionary<int, double>>();
        // Lite agents see fewer measurement axes than the genie is given: its reference would not compare.
        if (plan.GenieFitSamples > 0 && baseSettings.Scenario.Learning.Fidelity == Fidelity.Full)
        {
            foreach (double rho in plan.Rhos)
            {
                progress($"genie LMMSE reference at rho {SamplingRatio.Format(rho)}");
                genie[rho] = GenieNmse(baseSettings, rho, plan.GenieFitSamples);
            }
        }
        return new MaLAM4ComResult(plan, baseSettings, points, downstream, genie, wall.Elapsed);
    }

    /// <summary>Fresh samples per region the genie reference is tested on.</summary>
    public const int GenieTestSamples = 500;

    /// <summary><see cref="LinearMmseReference"/>'s linear test NMSE in each of the scenario's regions.</summary>
    private static Dictionary<int, double> GenieNmse(SimulationSettings settings, double rho, int fitSamples)
    {
        using var threads = TorchThreads.Fixed();
        var source = new CsiChannelSource(new CsiGeneratorSettings(), settings.Seed, rho);
        return Enumerable.Range(1, settings.Scenario.Regions).ToDictionary(region => region, region => LinearMmseReference.TestNmse(source, region, fitSamples, GenieTestSamples));
    }

    private static DownstreamResult Downstream(SimulationSettings settings, MaLAM4ComPlan plan, TextWriter log)
    {
        var s = settings.Scenario;
        using var threads = TorchThreads.Fixed();
        using var backend = new FullBackend(s.Learning, settings.Seed, s.CacheDirectory, log, FullBackend.RandomSubset);
        var source = new CsiChannelSource(new CsiGeneratorSettings(), settings.Seed, s.Learning.Rho);
        return new DownstreamTask(DownstreamSettings.Default).Run(
            backend.Lam, backend.Projection, source, Enumerable.Range(1, s.Regions).ToArray(), plan.DownstreamSamplesPerRegion, plan.DownstreamDimension);
    }

    private static SimulationSettings With(SimulationSettings s, Fidelity fidelity, ICooperationMethod method, double rho, double v, double loss, int? dimension, bool pooled = false) => s with
    {
        Scenario = s.Scenario with
        {
            Method = method,
            Learning = s.Scenario.Learning with { Rho = rho, Fidelity = fidelity, PooledData = pooled },
            Cooperation = s.Scenario.Cooperation with { V = v, Dimensions = dimension is { } d ? [d] : s.Scenario.Cooperation.Dimensions },
        },
        Faults = s.Faults with { Loss = s.Faults.Loss with { Model = loss > 0 ? LossSettings.Iid : LossSettings.None, IidRate = loss } },
        Trace = s.Trace with { Enabled = false, ChromePath = "" },
    };
}

/// <summary>Everything the experiment measured.</summary>
/// <param name="GenieNmse">Per rho and region, the genie linear MMSE reference's test NMSE (linear); empty when the plan has none.</param>
public sealed record MaLAM4ComResult(MaLAM4ComPlan Plan, SimulationSettings Settings, IReadOnlyList<MaLAM4ComPoint> Points, DownstreamResult Downstream,
    IReadOnlyDictionary<double, IReadOnlyDictionary<int, double>> GenieNmse, TimeSpan Wall)
{
    /// <summary>The genie's mean over the regions at <paramref name="rho"/> in dB, like the agents' mean; NaN without a genie.</summary>
    public double GenieMeanDb(double rho) => GenieNmse.TryGetValue(rho, out var regions) ? ChannelMetrics.ToDb(regions.Values.Average()) : double.NaN;

    /// <summary>Key of the genie beside the methods in <see cref="PerRegionNmse"/>.</summary>
    public const string GenieKey = "genie_lmmse";

    /// <summary>Key of the pooled-data reference beside the methods in <see cref="PerRegionNmse"/>.</summary>
    public const string PooledDataKey = "pooled_data";

    /// <summary>
    /// At the sweep rho, per method (by name) the mean of its agents' last test NMSE in each region (linear; empty for a
    /// failed run), then the pooled-data reference's under <see cref="PooledDataKey"/> and the genie's under <see cref="GenieKey"/>
    /// when the plan has them.
    /// </summary>
    public IReadOnlyList<(string Key, IReadOnlyDictionary<int, double> Nmse)> PerRegionNmse()
    {
        var columns = Plan.Methods
            .Select(m => (m.Name, Method(m, Plan.SweepRho)?.RegionNmse(Settings.Scenario) ?? new Dictionary<int, double>()))
            .ToList();
        if (PooledData is { } pooled)
            columns.Add((PooledDataKey, pooled.RegionNmse(Settings.Scenario)));
        if (GenieNmse.TryGetValue(Plan.SweepRho, out var genie))
            columns.Add((GenieKey, genie));
        return columns;
    }

    /// <summary>The genie's region mean at <paramref name="rho"/> (dB); NaN without a genie.</summary>
    public double GenieRegionMeanDb(double rho) => GenieNmse.TryGetValue(rho, out var regions) ? regions.Values.Average(ChannelMetrics.ToDb) : double.NaN;

    /// <summary>The fidelity of the scenario the experiment was given: of its method runs at every rho and of its sweeps.</summary>
    public Fidelity BaseFidelity => Settings.Scenario.Learning.Fidelity;

    /// <summary>Whether the methods and sweeps also ran at lite fidelity (asked for, and the scenario was not lite already).</summary>
    public bool HasLiteCheck => Points.Any(p => p.Fidelity != BaseFidelity);

    /// <summary>The lite run of <paramref name="method"/> at the sweep rho, when the plan has one.</summary>
    public MaLAM4ComPoint? Lite(ICooperationMethod method) =>
        HasLiteCheck ? Points.FirstOrDefault(p => p.Sweep == ExperimentSweep.Methods && p.Fidelity == Fidelity.Lite && p.Method.Name == method.Name) : null;

    /// <summary>The plan's methods ranked by their agents' last test NMSE at the sweep rho, at full fidelity or lite.</summary>
    public MethodRanking Ranking(bool lite) => new([.. Plan.Methods
        .Select(m => (m.Name, (lite ? Lite(m) : Method(m, Plan.SweepRho))?.Outcome?.AgentLastNmse ?? new Dictionary<int, double>()))]);

    /// <summary>MaLAM4Com's region mean with its agents sharing (default V) against V = 0 (nobody shares), in dB; NaN without both runs.</summary>
    public double CooperationWorthDb() => GainOverNoSharingDb(Method(CooperationMethods.MaLAM4Com, Plan.SweepRho));

    /// <summary>
    /// What pooling each region's raw training samples is worth on the region mean against V = 0 (the pooled-data reference against
    /// nobody sharing), in dB: the most that sharing knowledge could be worth. NaN without both runs.
    /// </summary>
    public double PooledDataWorthDb() => GainOverNoSharingDb(PooledData);

    /// <summary>The pooled-data reference run, when the plan has one.</summary>
    public MaLAM4ComPoint? PooledData => Points.FirstOrDefault(p => p.Sweep == ExperimentSweep.PooledData);

    private double GainOverNoSharingDb(MaLAM4ComPoint? run)
    {
        var none = Sweep(ExperimentSweep.V).FirstOrDefault(p => p.V == 0);
        return run is { Completed: true } && none is { Completed: true } ? none.RegionMeanDb(Settings.Scenario) - run.RegionMeanDb(Settings.Scenario) : double.NaN;
    }

    public MaLAM4ComPoint? Method(ICooperationMethod method, double rho) =>
        Points.FirstOrDefault(p => p.Sweep == ExperimentSweep.Methods && p.Fidelity == BaseFidelity && p.Method.Name == method.Name && Math.Abs(p.Rho - rho) < 1e-12);

    /// <summary>A sweep's points in the plan's order, at the scenario's fidelity or, with <paramref name="lite"/>, at lite fidelity (none without a lite check).</summary>
    public IEnumerable<MaLAM4ComPoint> Sweep(ExperimentSweep sweep, bool lite = false) =>
        lite && !HasLiteCheck ? [] : Points.Where(p => p.Sweep == sweep && p.Fidelity == (lite ? Fidelity.Lite : BaseFidelity));

    /// <summary>How a sweep moves step by step (<see cref="SweepSteps"/>), on the region means of the agents' last rounds.</summary>
    public IReadOnlyList<SweepStep> Steps(ExperimentSweep sweep, bool lite = false) => SweepSteps.Of([.. Sweep(sweep, lite)
        .Select(p => (p.Swept, p.RecentRegionDb(Settings.Scenario)))]);

    /// <summary>Whether every sweep moves the same way at lite fidelity as at full (<see cref="SweepSteps.Agree"/>); null without a lite check.</summary>
    public bool? SweepsAgree() => HasLiteCheck ? ExperimentSweeps.OfMaLAM4Com.All(s => SweepSteps.Agree(Steps(s), Steps(s, lite: true))) : null;
}
