using MaLAM4Com.Channels.Links;
using MaLAM4Com.Cli.Bench;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Links;

namespace MaLAM4Com.Tests.Kernel;

public sealed class DeterminismTests
{
    private static (string Hash, int Lines, long Sent) Gossip(ulong seed, int partitions, int threads)
    {
        var topology = KernelHarness.Topology(200, i => RelayEntity.Props(i, 200, 3, 6, true, seed));
        var faults = new FaultPlan([], [], [], () => new IidLoss(seed, 0.1), topology.Layers);
        var (result, lines) = KernelHarness.RunTraced(topology, new RandomDelayLinkModel(seed, 100, 5_000, 1e8), faults, 1_000_000, partitions, threads);
        return (KernelHarness.Sha256(lines), lines.Length, result.Counters.Sent);
    }

    [Fact]
    public void SameSeedGivesTheSameTraceAcrossThreadAndPartitionCounts()
    {
        var reference = Gossip(7, partitions: 2, threads: 0);
        Assert.InRange(reference.Sent, 200 * 3 + 1, 200 * 3 * 6);
        Assert.True(reference.Lines > 200 * 3 * 2, $"trace has only {reference.Lines} lines");
        Assert.Equal(reference, Gossip(7, partitions: 2, threads: 0));
        Assert.Equal(reference, Gossip(7, partitions: 2, threads: 1));
        Assert.Equal(reference, Gossip(7, partitions: 3, threads: 4));
    }

    [Fact]
    public void DifferentSeedGivesADifferentTrace()
    {
        Assert.NotEqual(Gossip(7, 2, 0).Hash, Gossip(8, 2, 0).Hash);
    }
}
