using Akka.Actor;
using MaLAM4Com.Engine.Kernel;

namespace MaLAM4Com.Engine.Cluster;

/// <summary>The protocol between a run's placement (on the driver) and the partition host of each member.</summary>
public static class ClusterMessages
{
    /// <summary>Place every partition; answered with <see cref="Placed"/> or <see cref="RecoveryMessages.ReplaceFailed"/>.</summary>
    public sealed record PlaceAll;

    public sealed record Placed(IReadOnlyList<Hosted> Partitions);

    /// <summary>
    /// Every incarnation that existed, and whether it was lost with its member; the trace records of a lost
    /// one at or after <paramref name="VoidFromUs"/> are void (see <see cref="RecoveryMessages.LostPartition"/>).
    /// </summary>
    public sealed record Incarnation(int Partition, int Epoch, Address Member, string TraceFile, bool Lost, long VoidFromUs = long.MaxValue);

    public sealed record GetIncarnations;

    /// <summary>Create partition <paramref name="Partition"/> of <paramref name="PartitionCount"/> with its entities; <paramref name="Restore"/> when it replaces a lost one.</summary>
    public sealed record Host(RunSpec Spec, int PartitionCount, int Partition, PartitionRestore? Restore);

    /// <summary>The partition exists: its actor, its earliest pending event and its own trace file ("" without a trace).</summary>
    public sealed record Hosted(int Partition, IActorRef Ref, long NextEventUs, string TraceFile);

    /// <summary>The member could not create the partition (the spec did not build, for one).</summary>
    public sealed record HostFailed(int Partition, string Reason);

    /// <summary>
    /// Partition <paramref name="Partition"/> (incarnation <paramref name="Epoch"/>) is still working on window
    /// <paramref name="Window"/>: its member's host says so periodically, to the placement, from threads the
    /// window's work does not hold up, so that a long window is not taken for a stall (see <see cref="Kernel.StallDetector"/>).
    /// </summary>
    public sealed record PartitionWorking(int Partition, int Epoch, long Window);

    /// <summary>The run is over: the member stops its partitions and entities and forgets the run.</summary>
    public sealed record EndRun(string RunId);
}
