using System.Diagnostics;
using System.Globalization;
using MaLAM4Com.Cli.Bench.Peers;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Samples.Phold;

namespace MaLAM4Com.Cli.Bench;

/// <summary>ns-3 on one PHOLD scenario: the fastest of its schedulers, its figures, and every scheduler's rate (null: stopped as too slow).</summary>
public sealed record Ns3PholdResult(string Scheduler, long Events, double WallSeconds, IReadOnlyDictionary<string, double?> EventsPerSecondBySchedulers)
{
    public double EventsPerSecond => Events / Math.Max(WallSeconds, 1e-9);
}

/// <summary>
/// The PHOLD of samples/Phold on our kernel and on ns-3 (bench/peers/phold_ns3.cc, the same model draw
/// for draw, so both handle the same events). Events are PHOLD events handled (our message deliveries,
/// ns-3's scheduled events); each side's wall time covers its simulator's run alone, not the setup.
/// </summary>
public static class PholdBenchmark
{
    /// <summary>The ns-3 schedulers each scenario is run with; the fastest one counts.</summary>
    public static readonly IReadOnlyList<string> Ns3Schedulers = ["ns3::MapScheduler", "ns3::HeapScheduler", "ns3::CalendarScheduler"];

    /// <summary>A remote fraction as a JSON key and table cell: 0.1, 0.5, 1.0.</summary>
    public static string RemoteKey(double remote) => remote.ToString("0.0###", CultureInfo.InvariantCulture);

    public static PholdResult Ours(PholdSettings s, int partitions, int threads, Action<KernelProgress>? progress = null) =>
        PholdRun.Run(s, trace: null, partitions, threads, progress);

    /// <summary>A small untimed run first, so that the first scenario's figures do not carry the JIT's compilation of the kernel.</summary>
    public static void WarmUp(int partitions, int threads) =>
        PholdRun.Run(PholdSettings.Default with { Entities = 100, EndUs = 10_000 }, trace: null, partitions, threads);

    /// <summary>
    /// A scheduler still running after this many times the fastest scheduler's time so far (plus
    /// <see cref="StopGraceSeconds"/>) is stopped: it cannot be the fastest, and ns-3's CalendarScheduler
    /// can degenerate on PHOLD's many events at equal times (at 10^5 entities it ran for minutes where
    /// the HeapScheduler took seconds).
    /// </summary>
    public const double StopAfterTimesFastest = 10;

    public const double StopGraceSeconds = 10;

    /// <summary>
    /// Runs <paramref name="s"/> on ns-3 once per scheduler; null and why when the peer cannot be built or
    /// run. A scheduler stopped for slowness has a null rate in <see cref="Ns3PholdResult.EventsPerSecondBySchedulers"/>.
    /// </summary>
    public static (Ns3PholdResult? Result, string? Why) Ns3(string peers, PholdSettings s, Action<string>? log = null)
    {
        var (binary, why) = PeerRunner.Ns3Program(peers, "phold_ns3");
        if (binary is null)
            return (null, why);
        var runs = new List<(string Scheduler, long Events, double Wall)>();
        var rates = new Dictionary<string, double?>();
        double? fastestProcessSeconds = null;
        foreach (var scheduler in Ns3Schedulers)
        {
            log?.Invoke($"ns3 ({scheduler}): {s.Entities:N0} entities, remote {RemoteKey(s.Remote)}");
            TimeSpan? limit = fastestProcessSeconds is { } f ? TimeSpan.FromSeconds(StopAfterTimesFastest * f + StopGraceSeconds) : null;
            var process = Stopwatch.StartNew();
            var (line, error, timedOut) = PeerRunner.RunJson("ns3", binary, Arguments(scheduler, s), limit);
            if (timedOut)
            {
                log?.Invoke($"ns3 ({scheduler}): {error}, {StopAfterTimesFastest}x the fastest scheduler's time: not the fastest");
                rates[scheduler] = null;
                continue;
            }
            if (line is not { } json)
                return (null, error);
            try
            {
                runs.Add((scheduler, json.GetProperty("events").GetInt64(), json.GetProperty("wall_s").GetDouble()));
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return (null, $"ns3 printed a result line without events and wall_s: {json}");
            }
            rates[scheduler] = runs[^1].Events / Math.Max(runs[^1].Wall, 1e-9);
            fastestProcessSeconds = Math.Min(fastestProcessSeconds ?? double.MaxValue, process.Elapsed.TotalSeconds);
        }
        // Every scheduler orders the same events by (time, insertion): a different count is a bug of the peer.
        if (runs.Select(r => r.Events).Distinct().Count() != 1)
            return (null, "ns-3's schedulers handled different event counts: " + string.Join(", ", runs.Select(r => $"{r.Scheduler} {r.Events}")));
        var best = runs.MinBy(r => r.Wall);
        return (new Ns3PholdResult(best.Scheduler, best.Events, best.Wall, rates), null);
    }

    private static string[] Arguments(string scheduler, PholdSettings s) =>
    [
        scheduler,
        s.Entities.ToString(CultureInfo.InvariantCulture),
        s.Remote.ToString("R", CultureInfo.InvariantCulture),
        s.Population.ToString(CultureInfo.InvariantCulture),
        s.LookaheadUs.ToString(CultureInfo.InvariantCulture),
        s.MeanDelayUs.ToString("R", CultureInfo.InvariantCulture),
        s.EndUs.ToString(CultureInfo.InvariantCulture),
        s.Seed.ToString(CultureInfo.InvariantCulture),
    ];
}
