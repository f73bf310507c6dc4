using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Links;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Samples.Phold;

/// <summary>
/// What a PHOLD run did: events handled (message deliveries), simulated time, and the wall time of the
/// kernel's run (from the first window to the last, without making the actors or stopping them) and the rate.
/// </summary>
public sealed record PholdResult(PholdSettings Settings, long Events, long Windows, long SimulatedUs, double WallSeconds)
{
    public double EventsPerSecond => Events / Math.Max(WallSeconds, 1e-9);
}

/// <summary>Builds the PHOLD model on the engine and runs it: the whole model in one place.</summary>
public static class PholdRun
{
    public static readonly Layer Layer = new("lp");

    public static Topology Topology(PholdSettings s) =>
        new(Enumerable.Range(0, s.Entities).Select(i => new EntitySpec($"{Layer}-{i}", Layer, id => PholdEntity.Props(id, s))).ToList());

    /// <summary>Runs <paramref name="s"/>; <paramref name="trace"/> receives every record when given.</summary>
    public static PholdResult Run(PholdSettings s, ITraceSink? trace = null, int partitions = 0, int threads = 0, Action<KernelProgress>? progress = null)
    {
        s.Validate();
        // Events carry no bytes, so every link's delay is the lookahead exactly.
        var link = new FixedRateLinkModel(s.LookaheadUs, 1e9);
        var result = SimulationKernel.Run(new KernelSettings(partitions, threads, s.EndUs), Topology(s), link, FaultPlan.None, trace, progress);
        return new PholdResult(s, result.Counters.Delivered, result.Windows, result.SimulatedUs, result.Wall.TotalSeconds);
    }
}
