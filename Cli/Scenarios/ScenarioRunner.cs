using MaLAM4Com.Cli.Config;
using MaLAM4Com.Engine.Cluster;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Tracing;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Cli.Scenarios;

/// <summary>What one cooperation run produced: the kernel's counts, the rounds as the trace told them, per agent its mean byte cost, last test NMSE and mean over its last rounds, and how often agents shared.</summary>
public sealed record ScenarioOutcome(RunResult Result, IReadOnlyList<RoundStats> Rounds, long LateRecords, IReadOnlyDictionary<int, double> AgentMeanCostBytes,
    IReadOnlyDictionary<int, double> AgentLastNmse, IReadOnlyDictionary<int, double> AgentRecentNmse, SharingTally Sharing, LearningFigures? Learning)
{
    public RoundStats? Last => Rounds.Count == 0 ? null : Rounds[^1];

    /// <summary>Mean cooperation bytes per round.</summary>
    public double BytesPerRound => Rounds.Count == 0 ? 0 : Rounds.Average(r => (double)r.CooperationBytes);
}

/// <summary>
/// Runs the cooperation scenario of a <see cref="SimulationSettings"/> on the kernel: builds the model
/// back-end and the population, runs to the last round, and reads the rounds off the trace records (also
/// written to the trace sink when one is given). Used by <c>run</c> and by the experiments.
/// </summary>
public static class ScenarioRunner
{
    /// <param name="openTrace">Opens the trace sink, once the population and faults are built: a scenario they refuse leaves no trace file.</param>
    /// <param name="onRound">Called with each round's figures once its trace records are read (behind the kernel by up to the trace backlog).</param>
    /// <param name="onWindow">Called by the kernel after every window, when timing matters more than the round's figures.</param>
    public static ScenarioOutcome Run(SimulationSettings settings, Func<ITraceSink>? openTrace, TextWriter log, Action<RoundStats>? onRound = null, Action<KernelProgress>? onWindow = null) =>
        WithInputs(settings, log, (inputs, backend) =>
        {
            using var monitor = new RoundMonitor(settings.Scenario.RoundPeriodUs, openTrace?.Invoke(), onRound);
            var learning = LearningFigures.Measure(backend);
            var result = SimulationKernel.Run(CooperationRun.Kernel(settings, inputs.EndTimeUs), inputs.Topology, inputs.Link, inputs.Faults, monitor, onWindow);
            return new ScenarioOutcome(result, monitor.Rounds.ToList(), monitor.LateRecords, monitor.AgentMeanCostBytes, monitor.AgentLastNmse, monitor.AgentRecentNmse, monitor.Sharing, learning());
        });

    /// <summary>
    /// The same run with this process as the driver of a cluster. Members write their partitions' traces, which the
    /// driver merges; the round figures are in that trace, not in the outcome (its round list is empty).
    /// </summary>
    public static ScenarioOutcome RunOnCluster(SimulationSettings settings, ClusterDriver driver, TextWriter log, Action<string> progressLine, TextWriter output) =>
        WithInputs(settings, log, (inputs, _) =>
        {
            int reported = 0;
            var s = settings.Scenario;
            var result = driver.Run(inputs, settings.Kernel.Partitions, p =>
            {
                int done = (int)Math.Min(s.Rounds, p.SimulatedUs / s.RoundPeriodUs);
                if (done <= reported)
                    return;
                reported = done;
                progressLine($"round {done,3}/{s.Rounds}  t={p.SimulatedUs / 1e6,6:F1}s  sent {p.Sent,9}  delivered {p.Delivered,9}  dropped {p.Dropped,7}");
            }, progressLine, output);
            return new ScenarioOutcome(result, [], 0, new Dictionary<int, double>(), new Dictionary<int, double>(), new Dictionary<int, double>(), SharingTally.None, null);
        });

    // Builds the model back-end and the population, hands them to the run, and frees the back-end after.
    private static ScenarioOutcome WithInputs(SimulationSettings settings, TextWriter log, Func<ClusterRunInputs, ILearningBackend, ScenarioOutcome> run)
    {
        HeapLimit.Apply(settings.Kernel.HeapLimitMb);
        var backend = LearningBackends.Create(settings.Scenario, settings.Seed, log);
        try
        {
            // One torch thread: a float result must not depend on how many cores the machine has, or the trace would differ
            // from machine to machine. The entities' TorchSharp work spreads over the cores instead (FullBackend).
            if (settings.Scenario.Learning.Fidelity == Fidelity.Full)
                TorchSharp.torch.set_num_threads(1);
            return run(CooperationRun.Inputs(settings, backend), backend);
        }
        finally
        {
            (backend as IDisposable)?.Dispose();
        }
    }
}
