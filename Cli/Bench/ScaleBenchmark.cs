using System.Diagnostics;
using MaLAM4Com.Cli.Config;
using MaLAM4Com.Cli.Scenarios;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Bench;

/// <summary>
/// Figures of one population in the scale benchmark. <see cref="RoundCpuSeconds"/> is the processor time of a
/// round (all threads, mean from the first round's close to the last's; NaN with fewer than two rounds): on a
/// machine shared with other work, the round alone would take at least that over the cores.
/// </summary>
public sealed record ScalePoint(
    int Agents,
    int Rounds,
    double SetupSeconds,
    double KernelSeconds,
    IReadOnlyList<double> RoundSeconds,
    long MessagesDelivered,
    long TraceBytes,
    double PeakMemoryMb,
    double FinalNmseDb,
    int HeapLimitMb,
    double RoundCpuSeconds)
{
    /// <summary>Mean wall time of a simulated round, each timed by the kernel's windows (the time simulated after the last round is not in it).</summary>
    public double RoundWallSeconds => RoundSeconds.Average();

    public double SimMessagesPerSecond => MessagesDelivered / KernelSeconds;

    public double BytesPerAgent => PeakMemoryMb * 1024 * 1024 / Agents;

    /// <summary>Wall time per agent and round, in µs: flat when the cost per round is linear in agents.</summary>
    public double MicrosecondsPerAgentRound => RoundWallSeconds * 1e6 / Agents;
}

/// <summary>
/// The round scenario at a given population with lite fidelity: <c>agentsPerEdge</c> agents per edge,
/// embeddings of 4, 8 or 16 dimensions on 16 anchors, each agent a linear estimator fitted in closed form
/// on its picks from its region's CSI pool, the default faults (5 % loss), the GC heap capped at <see cref="HeapLimitMb"/>, and the JSON Lines trace
/// written to <c>traceDir</c> (measured, then deleted unless kept). Peak memory is this process's peak working set, so run one population per process.
/// </summary>
public static class ScaleBenchmark
{
    public static IReadOnlyList<string> Overrides(int agents, int agentsPerEdge, int rounds) =>
    [
        .. rounds > DefaultLateJoinRound.Value ? [] : new[] { "scenario.late-join.agents=0" },
        $"scenario.edges={agents / agentsPerEdge}",
        $"scenario.agents-per-edge={agentsPerEdge}",
        $"scenario.rounds={rounds}",
        $"kernel.end-time={rounds + 2}s",
        "scenario.learning.fidelity=lite",
        "scenario.cooperation.dimensions=[4,8,16]",
        "scenario.cooperation.anchors=16",
        "scenario.learning.test-samples=16",
        "trace.chrome=\"\"",
        $"kernel.heap-limit-mb={HeapLimitMb}",
    ];

    // The last configured round's mean NMSE: a round the trace shows beyond them (cut off by the end time) is not final.
    private static double FinalNmseDb(ScenarioOutcome outcome, int rounds) =>
        outcome.Rounds.LastOrDefault(r => r.Round < rounds)?.MeanNmseDb ?? double.NaN;

    // Late joiners must join in a round of the run: a run too short for the default join round has none.
    private static readonly Lazy<int> DefaultLateJoinRound = new(() => SettingsLoader.TextReader(null, "", []).Int("scenario.late-join.round", 0, int.MaxValue));

    /// <summary>The GC heap cap of the runs (kernel.heap-limit-mb): without one the server collector lets the garbage of past rounds grow far beyond the live data before it collects.</summary>
    public const int HeapLimitMb = 11 * 1024;

    /// <summary>A population's settings: <see cref="Overrides"/>, the trace to <paramref name="traceDir"/> or none, then <paramref name="extra"/> (--set).</summary>
    public static SimulationSettings Settings(int agents, int agentsPerEdge, int rounds, bool writeTrace, string traceDir, IReadOnlyList<string> extra) =>
        SettingsLoader.Load(null, [.. Overrides(agents, agentsPerEdge, rounds), $"trace.enabled={(writeTrace ? "true" : "false")}", $"trace.path=\"{TracePath(traceDir, agents)}\"", .. extra]);

    private static string TracePath(string traceDir, int agents) => Path.Combine(traceDir, $"scale-{agents}.jsonl");

    public static ScalePoint Run(int agents, int agentsPerEdge, int rounds, bool writeTrace, string traceDir, bool keepTrace, IReadOnlyList<string> extra, Action<string> progress)
    {
        var total = Stopwatch.StartNew();
        string tracePath = TracePath(traceDir, agents);
        var settings = Settings(agents, agentsPerEdge, rounds, writeTrace, traceDir, extra);
        var timer = new RoundTimer(settings.Scenario.RoundPeriodUs, settings.Scenario.Rounds);
        var cpu = new List<double>();
        double firstWindow = double.NaN;
        Func<ITraceSink>? trace = writeTrace ? () => Commands.RunCommand.OpenTrace(settings.Trace, CooperationScenario.Layout(settings.Scenario)) : null;
        var outcome = ScenarioRunner.Run(settings, trace, TextWriter.Null, onWindow: window =>
        {
            if (double.IsNaN(firstWindow))
                firstWindow = total.Elapsed.TotalSeconds;
            if (timer.Observe(window.SimulatedUs, total.Elapsed.TotalSeconds) == 0)
                return;
            cpu.Add(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
            progress($"{agents:N0} agents: round {timer.Ends.Count}/{rounds} ended at {total.Elapsed.TotalSeconds:F1}s wall");
        });
        var result = outcome.Result;
        double end = total.Elapsed.TotalSeconds;
        // A run whose events stop before the last round's end has no window past it: that round ends with the run.
        if (timer.Observe(settings.Kernel.EndTimeUs, end) > 0)
            cpu.Add(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
        double kernel = result.Wall.TotalSeconds;
        double start = end - kernel;
        // Rounds are timed from the kernel's first window: the kernel's own wall time also covers closing the
        // trace after the last window, which would shift a start taken back from the end.
        var walls = timer.Durations(double.IsNaN(firstWindow) ? start : firstWindow);
        long traceBytes = writeTrace && File.Exists(tracePath) ? new FileInfo(tracePath).Length : 0;
        if (writeTrace && !keepTrace)
            File.Delete(tracePath);
        double peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        return new ScalePoint(agents, rounds, start, kernel, walls, result.Counters.Delivered, traceBytes, peakMb, FinalNmseDb(outcome, rounds), settings.Kernel.HeapLimitMb,
            cpu.Count < 2 ? double.NaN : (cpu[^1] - cpu[0]) / (cpu.Count - 1));
    }
}
