using MathNet.Numerics.Statistics;

namespace MaLAM4Com.Cli.Bench;

/// <summary>
/// The repeated runs of one configuration of the scale-out benchmark (one process, or a cluster of a size), in the order
/// they ran. On a shared machine one run's wall moves by a tenth or more from one minute to the next, so a configuration
/// is run several times, interleaved with the others, and summed up by medians: a slow minute spoils one run, not the figure.
/// </summary>
public sealed class ScaleoutSeries
{
    private readonly List<ScaleoutRun> _runs = new();

    public IReadOnlyList<ScaleoutRun> Runs => _runs;

    public void Add(ScaleoutRun run) => _runs.Add(run);

    /// <summary>The median kernel wall of the runs that finished; null when none did.</summary>
    public double? KernelSeconds => Median(_runs.Select(r => r.KernelSeconds));

    /// <summary>The median wall of the whole processes.</summary>
    public double? ProcessSeconds => Median(_runs.Select(r => (double?)r.ProcessSeconds));

    /// <summary>Members lost, over every run.</summary>
    public int Outages => _runs.Sum(r => r.Outages);

    /// <summary>The first failed run's error, with how many failed when more than one did; null when none failed.</summary>
    public string? Error
    {
        get
        {
            var failed = _runs.Where(r => r.Error is not null).ToList();
            return failed.Count switch
            {
                0 => null,
                _ when _runs.Count == 1 => failed[0].Error,
                _ => $"{failed.Count} of {_runs.Count} runs failed; the first: {failed[0].Error}",
            };
        }
    }

    public IReadOnlyList<string> Logs => [.. _runs.SelectMany(r => r.Logs)];

    /// <summary>
    /// The median over repeats of the fastest one-process kernel wall of the repeat (one baseline per core: the cores of a
    /// machine need not run alike) over the cluster's in the same repeat (they ran one after the other, so a slow spell of
    /// the machine touches both): null when no repeat has both. One repeat: their plain ratio.
    /// </summary>
    public static double? Speedup(IReadOnlyList<ScaleoutSeries> baselines, ScaleoutSeries cluster) =>
        Median(PairedSpeedups(baselines, cluster));

    /// <summary>Each repeat's <see cref="PairedSpeedup"/> against its <see cref="FastestWall"/>.</summary>
    public static IReadOnlyList<double?> PairedSpeedups(IReadOnlyList<ScaleoutSeries> baselines, ScaleoutSeries cluster) =>
        [.. cluster._runs.Select((run, repeat) => PairedSpeedup(FastestWall(baselines, repeat), run))];

    /// <summary>The least kernel wall of the baselines' runs in repeat <paramref name="repeat"/> that finished; null when none did.</summary>
    public static double? FastestWall(IReadOnlyList<ScaleoutSeries> baselines, int repeat) =>
        baselines.Where(b => repeat < b._runs.Count).Select(b => b._runs[repeat].KernelSeconds).Min();

    /// <summary>The baseline whose median kernel wall is least (the first when none finished).</summary>
    public static ScaleoutSeries Fastest(IReadOnlyList<ScaleoutSeries> baselines) =>
        baselines.MinBy(b => b.KernelSeconds ?? double.PositiveInfinity) ?? throw new ArgumentException("no baseline", nameof(baselines));

    /// <summary>A one-process kernel wall over the cluster run's beside it (null where either failed).</summary>
    public static double? PairedSpeedup(double? alone, ScaleoutRun cluster) => alone / cluster.KernelSeconds;

    private static double? Median(IEnumerable<double?> values)
    {
        var present = values.Where(v => v is not null).Select(v => v!.Value).ToArray();
        return present.Length == 0 ? null : present.Median();
    }
}
