using Akka.Actor;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// Between the clock and whatever places partitions on cluster members: at the end of a window in
/// which partitions were lost with their member, the clock asks for them to be re-created elsewhere.
/// </summary>
public static class RecoveryMessages
{
    public sealed record Replace(IReadOnlyList<LostPartition> Partitions);

    /// <summary>
    /// Partition <paramref name="Partition"/> was lost with <paramref name="Member"/>; re-create it from <paramref name="Restore"/>.
    /// The lost incarnation's trace records at or after <paramref name="VoidFromUs"/> (the start of the first
    /// window the clock did not complete with it) are void: the run went on without them.
    /// </summary>
    public sealed record LostPartition(int Partition, Address Member, PartitionRestore Restore, long VoidFromUs);

    public sealed record Replaced(IReadOnlyList<Replacement> Partitions);

    /// <summary>The new incarnation of a partition, on surviving member <paramref name="Member"/>, and its earliest pending event.</summary>
    public sealed record Replacement(int Partition, IActorRef Ref, Address Member, long NextEventUs);

    public sealed record ReplaceFailed(string Reason);
}
