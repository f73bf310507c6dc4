using System.Collections.Concurrent;
using MaLAM4Com.Engine.Cluster;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Links;
using MaLAM4Com.Engine.Tests.Kernel;

namespace MaLAM4Com.Engine.Tests.Cluster;

/// <summary>Entities get the small mailbox wherever they live: Akka's default one costs about 1 KB per idle actor.</summary>
public sealed class EntityMailboxTests
{
    private static (ConcurrentDictionary<int, Type> Queues, Topology Topology) Recording(int count)
    {
        var queues = new ConcurrentDictionary<int, Type>();
        var log = new ConcurrentQueue<Handled>();
        var topology = KernelHarness.Topology(count, i => ScriptedEntity.Props(i, log, (e, h) => queues[e.Index] = e.MailboxQueue));
        return (queues, topology);
    }

    [Fact]
    public void OneProcessHostsEveryEntityInTheEntityMailbox()
    {
        var (queues, topology) = Recording(4);

        KernelHarness.RunTraced(topology, new FixedRateLinkModel(1_000, 8e6), FaultPlan.None, 10_000);

        Assert.Equal(4, queues.Count);
        Assert.All(queues.Values, q => Assert.Equal(typeof(EntityMailbox.Queue), q));
    }

    [Fact]
    public void AClusterMemberHostsEveryEntityInTheEntityMailbox()
    {
        var (queues, topology) = Recording(4);
        ClusterRunInputs Build(RunSpec _) => new(topology, new FixedRateLinkModel(1_000, 8e6), FaultPlan.None, 10_000);
        using var cluster = new LocalCluster(1, ClusterTimings.Default, Build);
        var spec = new RunSpec("mailboxes", "script", "", [], [], "");

        ClusterRun.Run(cluster.Driver, spec, Build(spec), members: 1, partitions: 2, ClusterTimings.Default);

        Assert.Equal(4, queues.Count);
        Assert.All(queues.Values, q => Assert.Equal(typeof(EntityMailbox.Queue), q));
    }
}
