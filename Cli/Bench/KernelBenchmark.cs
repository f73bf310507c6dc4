using System.Diagnostics;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Links;

namespace MaLAM4Com.Cli.Bench;

/// <summary>Figures of one population size in the kernel benchmark.</summary>
public sealed record KernelBenchmarkPoint(int Entities, long Messages, double SimMessagesPerSecond, double AkkaMessagesPerSecond, double PeakMemoryMb)
{
    public double RatioToAkka => AkkaMessagesPerSecond / SimMessagesPerSecond;
}

/// <summary>
/// N relay entities exchange messages through the channel environment (random per-link delays
/// in [1 ms, 5 ms], so the lookahead is 1 ms) for a fixed simulated time, without tracing; then
/// plain Akka.NET actors pass the same number of messages with Tell, as the ceiling.
/// </summary>
public static class KernelBenchmark
{
    public const long MinDelayUs = 1_000;
    public const long MaxDelayUs = 5_000;

    public static KernelBenchmarkPoint Run(int entities, int fanout, long simulatedUs, int partitions, int threads, ulong seed, Action<KernelProgress>? progress = null)
    {
        var topology = new Topology(Enumerable.Range(0, entities)
            .Select(i => new EntitySpec($"node-{i}", RelayEntity.Layer, id => RelayEntity.Props(id, entities, fanout, int.MaxValue, false, seed)))
            .ToList());
        var link = new RandomDelayLinkModel(seed, MinDelayUs, MaxDelayUs, 1e9);
        var result = SimulationKernel.Run(new KernelSettings(partitions, threads, simulatedUs), topology, link, FaultPlan.None, null, progress);
        long messages = result.Counters.Delivered;
        double sim = messages / result.Wall.TotalSeconds;
        double peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        int chains = entities * fanout;
        int hops = (int)Math.Max(1, messages / chains);
        double akka = AkkaTellLoop.MessagesPerSecond(entities, chains, hops, seed);
        return new KernelBenchmarkPoint(entities, messages, sim, akka, peakMb);
    }
}
