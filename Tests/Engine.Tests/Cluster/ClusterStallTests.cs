using System.Collections.Concurrent;
using MaLAM4Com.Engine.Cluster;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Links;
using MaLAM4Com.Engine.Tests.Kernel;

namespace MaLAM4Com.Engine.Tests.Cluster;

/// <summary>A partition busy with one window for longer than the stall timeout keeps its run alive.</summary>
public sealed class ClusterStallTests
{
    // A member is downed after 2 s of silence, a run stalls after 3 s.
    private static readonly ClusterTimings Short = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60))
    {
        StallTimeout = TimeSpan.FromSeconds(3),
    };

    [Fact]
    public void AWindowLongerThanTheStallTimeoutIsNotAStall()
    {
        var log = new ConcurrentQueue<Handled>();
        // Entity 0 takes three stall timeouts to start, as a large partition's first window does on a loaded core.
        ClusterRunInputs Build(RunSpec _) => new(KernelHarness.Topology(2, i => ScriptedEntity.Props(i, log, (e, h) =>
        {
            if (e.Index == 0 && h.Label == "start")
                Thread.Sleep(TimeSpan.FromSeconds(9));
        })), new FixedRateLinkModel(1_000, 8e6), FaultPlan.None, 10_000);
        using var cluster = new LocalCluster(1, Short, Build);
        var spec = new RunSpec("long-window", "script", "", [], [], "");

        var run = ClusterRun.Run(cluster.Driver, spec, Build(spec), members: 1, partitions: 1, Short);

        Assert.Equal(2, run.Result.Entities);
        Assert.Equal(2, log.Count(h => h.Label == "start"));
    }
}
