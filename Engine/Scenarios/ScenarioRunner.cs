using MaLAM4Com.Engine.Config;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Tracing;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Engine.Scenarios;

/// <summary>What one cooperation run produced: the kernel's counts and the rounds as the trace told them.</summary>
public sealed record ScenarioOutcome(RunResult Result, IReadOnlyList<RoundStats> Rounds, long LateRecords, IReadOnlyDictionary<int, double> AgentMeanCostBytes)
{
    public RoundStats? Last => Rounds.Count == 0 ? null : Rounds[^1];

    /// <summary>Mean cooperation bytes per round.</summary>
    public double BytesPerRound => Rounds.Count == 0 ? 0 : Rounds.Average(r => (double)r.CooperationBytes);
}

/// <summary>
/// Runs the cooperation scenario of a <see cref="SimulationSettings"/> on the kernel: builds the model
/// back-end and the population, runs to the last round, and reads the rounds off the trace records (also
/// written to <paramref name="trace"/> when given). Used by <c>run</c> and by the experiments.
/// </summary>
public static class ScenarioRunner
{
    public static ScenarioOutcome Run(SimulationSettings settings, ITraceSink? trace, TextWriter log, Action<RoundStats>? onRound = null)
    {
        var s = settings.Scenario;
        var backend = LearningBackends.Create(s, settings.Seed, log);
        try
        {
            // Agents train in parallel on the dispatcher's threads; one torch thread each keeps the cores from being oversubscribed.
            TorchSharp.torch.set_num_threads(1);
            var topology = CooperationScenario.Build(s, backend);
            var plan = FaultPlanBuilder.Build(settings.Faults, topology, settings.Seed);
            var kernel = settings.Kernel with
            {
                EndTimeUs = Math.Min(settings.Kernel.EndTimeUs, s.DurationUs + s.RoundPeriodUs),
                // Training handlers run for many milliseconds; on the .NET pool that reads as starvation and it adds threads until
                // dozens of agents train at once on two cores. Full fidelity therefore gets one dispatcher thread per core.
                Threads = settings.Kernel.Threads == 0 && s.Learning.Fidelity == "full" ? Environment.ProcessorCount : settings.Kernel.Threads,
            };
            using var monitor = new RoundMonitor(s.RoundPeriodUs, trace, onRound);
            var result = SimulationKernel.Run(kernel, topology, CooperationScenario.LinkModel(settings), plan, monitor);
            return new ScenarioOutcome(result, monitor.Rounds.ToList(), monitor.LateRecords, monitor.AgentMeanCostBytes);
        }
        finally
        {
            (backend as IDisposable)?.Dispose();
        }
    }
}
