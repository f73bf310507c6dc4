using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Links;
using MaLAM4Com.Samples.Phold;

namespace MaLAM4Com.Engine.Tests.Kernel;

public sealed class DeterminismTests
{
    // PHOLD over random per-link delays with 10 % i.i.d. loss: every source of randomness the kernel has.
    private static (string Hash, int Lines, long Sent) Phold(ulong seed, int partitions, int threads)
    {
        var settings = new PholdSettings(Entities: 200, Remote: 0.5, Population: 3, LookaheadUs: 100, MeanDelayUs: 1_000, EndUs: 50_000, seed);
        var topology = PholdRun.Topology(settings);
        var faults = new FaultPlan([], [], [], () => new IidLoss(seed, 0.1), topology.Layers);
        var (result, lines) = KernelHarness.RunTraced(topology, new RandomDelayLinkModel(seed, 100, 5_000, 1e8), faults, settings.EndUs, partitions, threads);
        return (KernelHarness.Sha256(lines), lines.Length, result.Counters.Sent);
    }

    [Fact]
    public void SameSeedGivesTheSameTraceAcrossThreadAndPartitionCounts()
    {
        var reference = Phold(7, partitions: 2, threads: 0);
        Assert.True(reference.Sent > 200 * 3 * 5, $"only {reference.Sent} events sent");
        // A send and its delivery or drop, but for the events still in flight at the end.
        Assert.True(reference.Lines > reference.Sent * 3 / 2, $"trace has only {reference.Lines} lines for {reference.Sent} sends");
        Assert.Equal(reference, Phold(7, partitions: 2, threads: 0));
        Assert.Equal(reference, Phold(7, partitions: 2, threads: 1));
        Assert.Equal(reference, Phold(7, partitions: 3, threads: 4));
        Assert.Equal(reference, Phold(7, partitions: 1, threads: 1));
    }

    [Fact]
    public void DifferentSeedGivesADifferentTrace()
    {
        Assert.NotEqual(Phold(7, 2, 0).Hash, Phold(8, 2, 0).Hash);
    }
}
