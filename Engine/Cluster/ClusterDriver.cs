using Akka.Actor;
using MaLAM4Com.Engine.Kernel;

namespace MaLAM4Com.Engine.Cluster;

/// <summary>
/// A run driven from this process: it joins the cluster as a member (it hosts partitions too, built
/// by <paramref name="builder"/> like every other member's), drives the run with <see cref="ClusterRun"/>,
/// then leaves.
/// </summary>
public sealed class ClusterDriver(string host, int port, IReadOnlyList<string> seeds, int members, RunSpec spec, RunBuilder builder)
{
    public RunResult Run(ClusterRunInputs inputs, int partitions, Action<KernelProgress> progress, Action<string> log, TextWriter output)
    {
        var system = ClusterMember.Start(host, port, seeds, "driver", ClusterTimings.Default, builder);
        try
        {
            var run = ClusterRun.Run(system, spec, inputs, members, partitions, ClusterTimings.Default, progress, log);
            output.WriteLine($"cluster: {run.Partitions} partitions on {run.Members} members, driven from {Akka.Cluster.Cluster.Get(system).SelfAddress}");
            foreach (var outage in run.Result.Outages)
                output.WriteLine($"outage: {outage}");
            if (run.Trace is not null)
                output.WriteLine($"merged trace: {run.Trace} (from {run.Incarnations.Count} partition files and {Path.GetFileName(TraceFiles.Clock(spec.TracePath))})");
            return run.Result;
        }
        finally
        {
            CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance).Wait(TimeSpan.FromSeconds(30));
        }
    }
}
