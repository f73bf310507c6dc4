namespace MaLAM4Com.Engine.Entities;

/// <summary>
/// The events of one lookahead window for one entity, in key order, and the window's end: no
/// message sent while handling them can arrive before it. <paramref name="Events"/> is the kernel's
/// buffer of the whole window, shared by all entities of a partition; this entity's events are the
/// <paramref name="Count"/> entries from <paramref name="Offset"/>, valid until it answers.
/// </summary>
public sealed record DeliverBatch(long WindowEndUs, SimEvent[] Events, int Offset, int Count);

/// <summary>
/// The entity's answer to a <see cref="DeliverBatch"/>: everything it produced, in order, and its
/// latest saved state if it saved one in this batch (kept by the kernel for crash restarts).
/// The outbox list is handed over to the kernel (an entity that produced nothing hands the shared empty one). <paramref name="Failure"/> is set
/// when a handler threw: the kernel stops the run and reports it rather than hang or go on silently.
/// </summary>
public sealed record BatchDone(int Entity, List<Outgoing> Outbox, bool Saved, object? Snapshot, string? Failure);
