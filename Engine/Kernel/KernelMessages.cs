using Akka.Actor;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// The protocol between the clock and the channel-environment partitions. Partitions are numbered
/// 0..P-1; a partition re-created after its cluster member was lost gets the next epoch, so that
/// messages from the lost incarnation are told apart from the new one's.
/// </summary>
public static class KernelMessages
{
    /// <summary>Sent once by the kernel after the partitions exist.</summary>
    public sealed record Begin;

    /// <summary>Asks where the run stands; answered with <see cref="Status"/>.</summary>
    public sealed record GetStatus;

    /// <summary>
    /// <paramref name="Progress"/> counts the reports the clock has taken (ready, lost, re-created,
    /// finished): it grows while the run moves. <paramref name="Recovering"/>: the clock waits for the
    /// placement to re-create lost partitions (which has its own deadline). <paramref name="Waiting"/>
    /// says for what, naming partitions and where they live.
    /// </summary>
    public sealed record Status(long Progress, bool Recovering, string Waiting);

    /// <summary>
    /// The clock tells a partition its peers (by partition number) and their incarnations before its
    /// first window. A partition re-created after a member loss first waits for a <see cref="Handover"/>
    /// from each peer in <paramref name="HandoverFrom"/> (empty at the start of a run).
    /// </summary>
    public sealed record Wire(IActorRef Clock, IReadOnlyList<IActorRef> Partitions, IReadOnlyList<int> Epochs, IReadOnlyList<int> HandoverFrom);

    /// <summary>Release every event of [<paramref name="StartUs"/>, <paramref name="EndUs"/>), window number <paramref name="Window"/> (from 0).</summary>
    public sealed record Advance(long Window, long StartUs, long EndUs);

    /// <summary>Events partition <paramref name="From"/> (incarnation <paramref name="Epoch"/>) sent to another partition's entities during a window.</summary>
    public sealed record Exchange(long Window, int From, int Epoch, List<SimEvent> Events);

    /// <summary>
    /// A partition finished a window: its sorted trace records (empty when it writes its own trace),
    /// its earliest pending event, a copy of its counters and the states its entities saved in the
    /// window (only when the clock keeps them for recovery).
    /// </summary>
    public sealed record Ready(int Partition, int Epoch, long Window, long NextEventUs, List<ArraySegment<TraceRecord>> Records, KernelCounters Counters, List<SavedState> Saved);

    /// <summary>
    /// States a recoverable partition's entities saved so far in window <paramref name="Window"/>, sent ahead of
    /// its <see cref="Ready"/> a chunk at a time while the window still runs: a window in which tens of thousands
    /// of entities save travels in messages of bounded size, serialised and read while the partitions work,
    /// instead of one large message the barrier waits for.
    /// </summary>
    public sealed record Saved(int Partition, int Epoch, long Window, List<SavedState> States);

    /// <summary>
    /// What partition <paramref name="From"/> sent to a lost peer's entities that had not arrived when
    /// the peer was lost, handed to the peer's new incarnation before its first window.
    /// </summary>
    public sealed record Handover(int From, int Epoch, List<SimEvent> Events);

    /// <summary>A partition hit an error it cannot recover from; the run stops with it.</summary>
    public sealed record Failed(string Reason);

    /// <summary>The clock asks each partition for its counters at the end.</summary>
    public sealed record Finish;

    /// <summary>
    /// A partition's totals at the end, how many entities it hosted, and the wall seconds it worked: summed over its windows,
    /// from the window's opening to the end of its own part (its entities' batches handled, its exchanges sent and its
    /// records written), without the time it then waited for its peers' exchanges and the clock.
    /// </summary>
    public sealed record Finished(int Partition, KernelCounters Counters, int Pending, int Entities, double BusySeconds);

    /// <summary>
    /// Partition <paramref name="Partition"/> was lost with its member: stop waiting for it, keep what is
    /// bound for it, and forget what it sent in window <paramref name="FromWindow"/> and later (windows the
    /// clock did not complete with it: its records of them are void).
    /// </summary>
    public sealed record PeerLost(int Partition, long FromWindow);

    /// <summary>Partition <paramref name="Partition"/> lives again as <paramref name="Ref"/>, incarnation <paramref name="Epoch"/>.</summary>
    public sealed record PeerReplaced(int Partition, IActorRef Ref, int Epoch);

    /// <summary>An entity's state as it saved it last, kept by the clock to re-create the entity elsewhere.</summary>
    public readonly record struct SavedState(int Entity, object? Snapshot);
}
