using System.Diagnostics;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Cli.Scenarios;

/// <summary>
/// How fast a run learned: the agents' training samples per second of the rounds' wall time, the LAM's
/// pretraining samples per second (null when it came from the cache or there is none), and the cores the
/// process kept busy during the rounds (its CPU time over their wall time). Measured to report it only.
/// </summary>
public sealed record LearningFigures(double AgentTrainSamplesPerS, double? LamSamplesPerS, double CoresBusy)
{
    /// <summary>Starts measuring the rounds of a run whose agents <paramref name="backend"/> made.</summary>
    public static Func<LearningFigures> Measure(ILearningBackend backend)
    {
        var process = Process.GetCurrentProcess();
        var wall = Stopwatch.StartNew();
        double cpu = process.TotalProcessorTime.TotalSeconds;
        long samples = backend.Tally.Samples;
        return () =>
        {
            process.Refresh();
            double seconds = wall.Elapsed.TotalSeconds;
            return new LearningFigures((backend.Tally.Samples - samples) / seconds, backend.LamSamplesPerSecond,
                (process.TotalProcessorTime.TotalSeconds - cpu) / seconds);
        };
    }
}
