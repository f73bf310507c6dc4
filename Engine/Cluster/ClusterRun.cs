using Akka.Actor;
using Akka.Cluster;
using MaLAM4Com.Engine.Clock;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Tracing;
using static MaLAM4Com.Engine.Kernel.RecoveryMessages;

namespace MaLAM4Com.Engine.Cluster;

/// <summary>What a cluster run did: the kernel's result, where its partitions lived, and the merged trace (null without one).</summary>
public sealed record ClusterRunResult(RunResult Result, int Members, int Partitions, IReadOnlyList<ClusterMessages.Incarnation> Incarnations, string? Trace);

/// <summary>
/// Drives a run on a cluster from one of its members (the driver): waits for the members, places the
/// partitions on them, runs the clock here (the run's leader: it alone advances simulated time, when
/// every live partition has reported its earliest pending event and quiescence), ends the run on
/// every member and merges the partitions' trace files into the run's trace, the files of
/// incarnations lost with their members settled first (<see cref="LostTraces"/>): every message in
/// the merged trace has its send and one fate at most, the messages a lost member held a
/// <c>member-lost</c> drop (counted in the run's counters too). A run that stops moving
/// for <see cref="ClusterTimings.StallTimeout"/> fails, naming what its clock waits for, and leaves none of
/// its partitions' trace files on this machine; a partition
/// still working on a window says so every <see cref="ClusterTimings.AliveInterval"/>, which counts as moving.
/// </summary>
public static class ClusterRun
{
    public static ClusterRunResult Run(ActorSystem system, RunSpec spec, ClusterRunInputs inputs, int members, int partitions, ClusterTimings timings,
        Action<KernelProgress>? progress = null, Action<string>? log = null)
    {
        timings.Validate();
        var cluster = Akka.Cluster.Cluster.Get(system);
        WaitForMembers(cluster, members, timings.JoinTimeout, log);
        var topology = inputs.Topology;
        int count = Math.Max(1, Math.Min(partitions > 0 ? partitions : members, topology.Count));
        var map = new PartitionMap(topology, count);
        var alive = new AliveReports();
        var placement = system.ActorOf(PlacementActor.Props(spec, count, timings.HostTimeout, alive), $"placement-{spec.RunId}");
        try
        {
            var answer = placement.Ask<object>(new ClusterMessages.PlaceAll(), timings.HostTimeout + TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            if (answer is ReplaceFailed failed)
                throw new SimulationFailedException(failed.Reason);
            var placed = (ClusterMessages.Placed)answer;
            var self = cluster.SelfAddress;
            log?.Invoke($"{count} partitions on {members} members: " + string.Join(", ", placed.Partitions.Select(h => $"p{h.Partition}@{(h.Ref.Path.Address.HasGlobalScope ? h.Ref.Path.Address : self).Port}")));
            RunResult result;
            string clockFile = spec.TracePath.Length > 0 ? TraceFiles.Clock(spec.TracePath) : "";
            using (var clockTrace = clockFile.Length > 0 ? new JsonLinesTraceWriter(clockFile, topology.Names) : null)
            {
                var done = new TaskCompletionSource<RunResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                var clock = new SimulationClock(inputs.Link.MinDelayUs, inputs.EndTimeUs, inputs.Faults.Timeline());
                var clockActor = system.ActorOf(ClockActor.Props(clock, map, placed.Partitions.Select(h => h.Ref).ToList(), clockTrace, done, progress, placement, recovery: inputs.Recovery).WithDispatcher(ClusterMember.SimulationDispatcher), $"clock-{spec.RunId}");
                clockActor.Tell(new KernelMessages.Begin());
                result = ClockWatchdog.Await(clockActor, done.Task, timings.StallTimeout, alive);
            }
            var incarnations = placement.Ask<List<ClusterMessages.Incarnation>>(new ClusterMessages.GetIncarnations(), TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            string? trace = null;
            if (clockFile.Length > 0)
            {
                long memberLost = 0;
                var files = new List<string>();
                foreach (var i in incarnations)
                {
                    if (TraceFile(i, map, topology.Names, ref memberLost, log) is { } file)
                        files.Add(file);
                }
                files.Add(clockFile);
                TraceFileMerge.Merge(files, topology.Names, spec.TracePath);
                if (memberLost > 0)
                    result.Counters.Add(KernelCounters.Of(0, 0, 0, [new(DropReason.MemberLost.Name(), memberLost)]));
                trace = Path.GetFullPath(spec.TracePath);
            }
            return new ClusterRunResult(result, members, count, incarnations, trace);
        }
        catch
        {
            RemoveTraceParts(placement, spec);
            throw;
        }
        finally
        {
            foreach (var m in cluster.State.Members)
                PartitionHostActor.At(system, m.Address).Tell(new ClusterMessages.EndRun(spec.RunId));
            system.Stop(placement);
        }
    }

    /// <summary>Blocks until <paramref name="members"/> members (this one included) are up.</summary>
    public static void WaitForMembers(Akka.Cluster.Cluster cluster, int members, TimeSpan timeout, Action<string>? log)
    {
        var wall = System.Diagnostics.Stopwatch.StartNew();
        int reported = -1;
        while (true)
        {
            int up = cluster.State.Members.Count(m => m.Status == MemberStatus.Up);
            if (up >= members && cluster.SelfMember.Status == MemberStatus.Up)
                return;
            if (up != reported)
            {
                log?.Invoke($"waiting for cluster members: {up} of {members} up");
                reported = up;
            }
            if (wall.Elapsed > timeout)
                throw new SimulationFailedException($"only {up} of {members} cluster members were up after {timeout.TotalSeconds:F0}s (seed nodes: {string.Join(", ", cluster.Settings.SeedNodes)}); start the others with 'malam4com node'");
            Thread.Sleep(100);
        }
    }

    // A failed run has no merged trace, and its partitions' files (those on this machine) were only its parts.
    // Best effort: tidying up must not hide why the run failed (its actor system may be shutting down).
    private static void RemoveTraceParts(IActorRef placement, RunSpec spec)
    {
        if (spec.TracePath.Length == 0)
            return;
        try
        {
            var incarnations = placement.Ask<List<ClusterMessages.Incarnation>>(new ClusterMessages.GetIncarnations(), TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            var parts = incarnations.Where(i => i.TraceFile.Length > 0).SelectMany(i => new[] { i.TraceFile, i.TraceFile + ".partial", i.TraceFile + ".settled" });
            foreach (var file in parts.Append(TraceFiles.Clock(spec.TracePath)))
            {
                if (File.Exists(file))
                    File.Delete(file);
            }
        }
        catch (Exception e) when (e is AskTimeoutException or OperationCanceledException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Left where they are: the run's own error is the one to report.
        }
    }

    // A lost incarnation's file is left as .partial by its member (or is gone with it): settled into its final name.
    // One lost after the last window keeps all it wrote.
    private static string? TraceFile(ClusterMessages.Incarnation i, PartitionMap map, IReadOnlyList<string> names, ref long memberLost, Action<string>? log)
    {
        var partial = i.TraceFile + ".partial";
        // A finished incarnation renamed its file; a lost one never does (a .partial beside a finished file is older).
        var first = i.Lost ? partial : i.TraceFile;
        var second = i.Lost ? i.TraceFile : partial;
        var source = File.Exists(first) ? first : File.Exists(second) ? second : null;
        if (source is null)
        {
            log?.Invoke($"the trace partition {i.Partition} wrote on {i.Member} is not here; the merged trace lacks it");
            return null;
        }
        if (!i.Lost)
            return source;
        var settled = i.TraceFile + ".settled";
        long drops = LostTraces.Settle(source, i.VoidFromUs, map.Entities(i.Partition), names, settled);
        File.Move(settled, i.TraceFile, overwrite: true);
        if (source == partial)
            File.Delete(partial);
        memberLost += drops;
        log?.Invoke($"the trace partition {i.Partition} wrote on {i.Member} before it was lost is merged up to {i.VoidFromUs}us, with {drops} member-lost drops for the messages it held");
        return i.TraceFile;
    }
}
