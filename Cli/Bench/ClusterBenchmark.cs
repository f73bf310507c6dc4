using MaLAM4Com.Cli.Scenarios;
using MaLAM4Com.Engine.Cluster;
using MaLAM4Com.Engine.Kernel;

namespace MaLAM4Com.Cli.Bench;

/// <summary>Figures of one cluster size in the cluster benchmark (0 members: the kernel in one process, no cluster).</summary>
public sealed record ClusterBenchmarkPoint(int Members, int Partitions, long Messages, double WallSeconds)
{
    public double SimMessagesPerSecond => Messages / WallSeconds;
}

/// <summary>
/// The lite round scenario of <c>bench scale</c> with N agents under three edges, without tracing, run in one process and then
/// on in-process clusters of M members on loopback ports (one partition each): every exchange between
/// members is serialized and crosses TCP, so on one machine this measures the cluster's overhead.
/// </summary>
public static class ClusterBenchmark
{
    public static ClusterBenchmarkPoint Run(int members, int agents, int rounds, Action<KernelProgress>? progress = null)
    {
        const int edges = 3;
        var spec = new RunSpec($"bench{members}", CooperationRun.Scenario, "",
            [.. ScaleBenchmark.Overrides(agents, (agents + edges - 1) / edges, rounds), "trace.enabled=false"], [], "");
        var inputs = CooperationRun.Build(spec);
        if (members == 0)
        {
            var alone = SimulationKernel.Run(new KernelSettings(0, 0, inputs.EndTimeUs), inputs.Topology, inputs.Link, inputs.Faults, null, progress);
            return new ClusterBenchmarkPoint(0, new KernelSettings(0, 0, 0).EffectivePartitions(inputs.Topology.Count), alone.Counters.Delivered, alone.Wall.TotalSeconds);
        }
        using var cluster = new LocalCluster(members, ClusterTimings.Default, CooperationRun.Build);
        var run = ClusterRun.Run(cluster.Driver, spec, inputs, members, 0, ClusterTimings.Default, progress);
        return new ClusterBenchmarkPoint(members, run.Partitions, run.Result.Counters.Delivered, run.Result.Wall.TotalSeconds);
    }
}
