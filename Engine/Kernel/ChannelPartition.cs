using System.Buffers;
using MaLAM4Com.Engine.Clock;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Links;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// One partition of the channel environment: it owns the entities its <see cref="PartitionMap"/> gives it.
/// It keeps their pending events, hands them out one lookahead
/// window at a time, and decides the fate of every message they send (faults, loss, link delay).
/// Links are decided at the sender's partition, so a link's messages are seen in send order.
/// </summary>
public sealed class ChannelPartition
{
    private readonly CalendarQueue _queue;
    private readonly ILinkModel _link;
    private readonly FaultPlan _faults;
    private readonly ILossModel? _loss;
    private readonly bool _tracing;
    private readonly PartitionMap _map;
    // The window's events grouped by destination: one buffer per partition rather than one per entity
    // (a per-entity buffer costs about 1 KB each, held for the whole run). _counts is per local entity.
    private SimEvent[] _window = [];
    private int _windowUsed;
    private readonly int[] _counts;
    private readonly List<int> _touched = new();
    private readonly List<int> _starts = new();
    // The last saved state of each local entity that a crash of the fault plan restarts from it, and of no other:
    // their states would only hold their previous round's arrays alive (a cluster ships them to the clock instead).
    private readonly Dictionary<int, object?> _snapshots = new();
    private readonly List<KernelMessages.SavedState>? _saved;
    private readonly int _savedChunk;
    private readonly uint _counterFloor;
    private readonly long _restoredAtUs;
    private List<SimEvent>[] _outbound;
    private readonly TraceBufferPool _buffers;
    private readonly TraceRecordBuffer _records;
    private long _windowEnd;

    /// <param name="restore">Set when this partition replaces one lost with its cluster member.</param>
    /// <param name="recoverable">Keep what re-creating a lost peer needs (on a cluster): the states entities save go to the clock (<see cref="TakeSaved"/>).</param>
    /// <param name="buffers">Where trace record chunks come from and go back to once written (shared with the clock's writer in one process).</param>
    public ChannelPartition(int index, PartitionMap map, ILinkModel link, FaultPlan faults, bool tracing, PartitionRestore? restore = null, bool recoverable = false, TraceBufferPool? buffers = null)
    {
        _buffers = buffers ?? new TraceBufferPool();
        _records = new TraceRecordBuffer(_buffers);
        Index = index;
        _map = map;
        _link = link;
        _faults = faults;
        _loss = faults.LossFactory?.Invoke();
        _tracing = tracing;
        _queue = new CalendarQueue(link.MinDelayUs);
        int local = map.Entities(index).Count;
        _counts = new int[local];
        _saved = recoverable ? new List<KernelMessages.SavedState>() : null;
        // A few chunks per window at most for a small partition, messages of bounded size for a large one.
        _savedChunk = Math.Clamp(local / 4, 1, MaxSavedChunk);
        _counterFloor = restore?.CounterFloor ?? 0;
        _restoredAtUs = restore?.AtUs ?? 0;
        _outbound = NewOutbound();
        long startUs = restore?.AtUs ?? 0;
        foreach (int e in map.Entities(index))
        {
            faults.CrashesByEntity.TryGetValue(e, out var crashes);
            if (crashes?.Any(c => c.RestoreState) == true)
                _snapshots[e] = null;
            if (restore is null)
                _queue.Add(Signal(0, e, KernelSignals.Start.Instance));
            else
                Restore(e, restore);
            if (crashes is not null)
            {
                foreach (var c in crashes)
                {
                    if (c.RestartAtUs is { } at && (restore is null || at > startUs))
                        _queue.Add(Signal(at, e, PlannedRestart.Instance));
                }
            }
        }
        if (restore is not null)
            Counters.Add(restore.Counters);
    }

    /// <summary>Placeholder of a fault plan's restart until its window, when the entity's last saved state is known.</summary>
    private sealed record PlannedRestart
    {
        public static readonly PlannedRestart Instance = new();
    }

    // A re-created entity restarts from its last saved state, unless the fault plan has it down then.
    private void Restore(int entity, PartitionRestore restore)
    {
        var snapshot = restore.Snapshots.GetValueOrDefault(entity);
        Keep(entity, snapshot);
        if (!_faults.IsDown(entity, restore.AtUs))
            _queue.Add(Signal(restore.AtUs, entity, new KernelSignals.Restarted(snapshot, restore.CounterFloor)));
    }

    public int Index { get; }

    public int PartitionCount => _map.Partitions;

    /// <summary>Entity <paramref name="entity"/>'s place among this partition's entities, as the partition's actor holds them.</summary>
    public int LocalIndex(int entity) => _map.Local(entity);

    public KernelCounters Counters { get; } = new();

    /// <summary>A lower bound of the earliest pending event's time: the start of its window.</summary>
    public long NextEventTimeUs => _queue.EarliestSlotStartUs;

    /// <summary>
    /// <see cref="NextEventTimeUs"/>, counting also an event held outside the queue at <paramref name="heldUs"/>
    /// (long.MaxValue: none), aligned like the queue's to the start of its window.
    /// </summary>
    public long NextEventTimeUsWith(long heldUs) => heldUs == long.MaxValue ? NextEventTimeUs : Math.Min(NextEventTimeUs, heldUs - heldUs % _link.MinDelayUs);

    public int Pending => _queue.Count;

    public int LocalEntities => _counts.Length;

    public bool Recoverable => _saved is not null;

    private static SimEvent Signal(long at, int entity, object payload) =>
        new(at, -1, 0, entity, 0, 0, TraceRecord.NoRound, EventKind.Signal, payload);

    private List<SimEvent>[] NewOutbound() => Enumerable.Range(0, PartitionCount).Select(_ => new List<SimEvent>()).ToArray();

    /// <summary>
    /// Takes every pending event of the window [<paramref name="windowStart"/>, <paramref name="windowEnd"/>),
    /// grouped by destination in key order, and calls <paramref name="deliver"/> once per destination
    /// (destination, buffer, offset, count) with the partition's window buffer, which stays valid until the
    /// next window. Messages to crashed entities are dropped here.
    /// </summary>
    public void TakeWindow(long windowStart, long windowEnd, Action<int, SimEvent[], int, int> deliver)
    {
        _windowEnd = windowEnd;
        Array.Clear(_window, 0, _windowUsed);
        _touched.Clear();
        _starts.Clear();
        var events = _queue.Take(windowStart, windowEnd);
        int kept = 0;
        for (int i = 0; i < events.Count; i++)
        {
            var e = events[i];
            int target = e.Target;
            if (_faults.IsDown(target, e.TimeUs))
            {
                if (e.Kind == EventKind.Message)
                    Drop(e, DropReason.Crashed);
                continue;
            }
            if (e.Payload is PlannedRestart)
                e = e with { Payload = new KernelSignals.Restarted(RestoreSnapshot(target, e.TimeUs), _counterFloor) };
            if (e.Kind == EventKind.Message)
            {
                Counters.CountDelivered();
                if (_tracing)
                    _records.Add(TraceRecord.Message(TraceKind.Deliver, e.TimeUs, e.MessageId, e.ParentId, e.Sender, target, MessageTypes.Of(e.Payload), ((ISimMessage)e.Payload).SizeBytes, e.Round));
            }
            if (_counts[_map.Local(target)]++ == 0)
                _touched.Add(target);
            events[kept++] = e;
        }
        if (_window.Length < kept)
        {
            if (_window.Length > 0)
                ArrayPool<SimEvent>.Shared.Return(_window, clearArray: true);
            _window = ArrayPool<SimEvent>.Shared.Rent(kept);
        }
        _windowUsed = kept;
        // Destinations in index order and each batch in key order: nothing depends on insertion order.
        _touched.Sort();
        int offset = 0;
        foreach (int target in _touched)
        {
            int local = _map.Local(target);
            _starts.Add(offset);
            offset += _counts[local];
            _counts[local] = _starts[^1];
        }
        // _counts[local] is now each destination's write position.
        for (int i = 0; i < kept; i++)
            _window[_counts[_map.Local(events[i].Target)]++] = events[i];
        _queue.Recycle(events);
        for (int t = 0; t < _touched.Count; t++)
        {
            int target = _touched[t];
            int local = _map.Local(target);
            int first = _starts[t], count = _counts[local] - first;
            _counts[local] = 0;
            if (count > 1)
                Array.Sort(_window, first, count, EventOrder.Instance);
            Counters.CountBatch();
            deliver(target, _window, first, count);
        }
    }

    private object? RestoreSnapshot(int entity, long timeUs)
    {
        foreach (var c in _faults.CrashesByEntity[entity])
        {
            if (c.RestartAtUs == timeUs)
                return c.RestoreState ? _snapshots[entity] : null;
        }
        return null;
    }

    /// <summary>Decides the fate of everything an entity produced in this window.</summary>
    public void Absorb(BatchDone done)
    {
        if (done.Failure is not null)
            throw new SimulationFailedException(done.Failure);
        int entity = done.Entity;
        if (done.Saved)
        {
            Keep(entity, done.Snapshot);
            _saved?.Add(new KernelMessages.SavedState(entity, done.Snapshot));
        }
        foreach (var o in done.Outbox)
        {
            switch (o.Kind)
            {
                case OutgoingKind.Send:
                    Route(entity, o);
                    break;
                case OutgoingKind.Timer:
                    var timer = new SimEvent(o.TimeUs, entity, o.Counter, entity, MessageId.Make(entity, o.Counter), o.ParentId, o.Round, EventKind.Timer, o.Payload!);
                    _queue.Add(timer);
                    break;
                case OutgoingKind.Metric:
                    if (_tracing)
                        _records.Add(TraceRecord.Metric(o.TimeUs, MessageId.Make(entity, o.Counter), entity, o.Round, o.Name!, o.Value));
                    break;
            }
        }
    }

    private void Keep(int entity, object? snapshot)
    {
        if (_snapshots.ContainsKey(entity))
            _snapshots[entity] = snapshot;
    }

    private void Route(int from, in Outgoing o)
    {
        int to = o.Target;
        if ((uint)to >= (uint)_map.EntityCount)
            throw new SimulationFailedException($"entity {from} sent {MessageTypes.Of(o.Payload!)} to entity {to}, which does not exist (0..{_map.EntityCount - 1})");
        var message = (ISimMessage)o.Payload!;
        long id = MessageId.Make(from, o.Counter);
        int bytes = message.SizeBytes;
        Counters.CountSent();
        if (_tracing)
            _records.Add(TraceRecord.Message(TraceKind.Send, o.TimeUs, id, o.ParentId, from, to, MessageTypes.Of(message), bytes, o.Round));
        var ev = new SimEvent(0, from, o.Counter, to, id, o.ParentId, o.Round, EventKind.Message, message);
        DropReason? reason = _faults.ScheduledDropReason(from, to, o.TimeUs);
        if (reason is null && _loss is not null && _loss.IsLost(from, to, id))
            reason = _loss.Reason;
        if (reason is not null)
        {
            Drop(ev with { TimeUs = o.TimeUs }, reason.Value);
            return;
        }
        long at = o.TimeUs + _link.DelayUs(from, to, bytes);
        if (at < _windowEnd)
            throw new SimulationFailedException($"the link model delivered a message at {at}us, inside the window ending at {_windowEnd}us: its delays must be at least its MinDelayUs");
        ev = ev with { TimeUs = at };
        int partition = _map.Owner(to);
        if (partition == Index)
            _queue.Add(ev);
        else
            _outbound[partition].Add(ev);
    }

    private void Drop(in SimEvent e, DropReason reason)
    {
        Counters.CountDropped(reason);
        if (_tracing)
            _records.Add(TraceRecord.Message(TraceKind.Drop, e.TimeUs, e.MessageId, e.ParentId, e.Sender, e.Target, MessageTypes.Of(e.Payload), ((ISimMessage)e.Payload).SizeBytes, e.Round, reason.Name()));
    }

    /// <summary>Hands over the events bound for other partitions, one list per partition (this one's is empty).</summary>
    public List<SimEvent>[] TakeOutbound()
    {
        var outbound = _outbound;
        _outbound = NewOutbound();
        return outbound;
    }

    /// <summary>
    /// Events a peer had sent to this partition's previous incarnation that it had not delivered: those
    /// due before this incarnation's restart were due while its entities were gone, and are dropped.
    /// </summary>
    public void AcceptHandover(List<SimEvent> events)
    {
        foreach (var e in events)
        {
            if (e.TimeUs < _restoredAtUs)
                Drop(e, DropReason.MemberLost);
            else
                _queue.Add(e);
        }
    }

    /// <summary>Events from another partition; they all lie at or after the current window's end.</summary>
    public void Accept(List<SimEvent> events)
    {
        foreach (var e in events)
            _queue.Add(e);
    }

    // The most states one chunk sent ahead of a window's end holds.
    private const int MaxSavedChunk = 1000;

    /// <summary>
    /// Whether enough states were saved since the last <see cref="TakeSaved"/> to send them on while the window
    /// still runs, so that they are serialised and read while the partitions work, in messages of bounded size.
    /// </summary>
    public bool SavedChunkDue => _saved is not null && _saved.Count >= _savedChunk;

    /// <summary>The states saved since the last call (empty unless the partition keeps them for the clock).</summary>
    public List<KernelMessages.SavedState> TakeSaved()
    {
        if (_saved is null || _saved.Count == 0)
            return [];
        var saved = new List<KernelMessages.SavedState>(_saved);
        _saved.Clear();
        return saved;
    }

    /// <summary>This window's trace records as sorted runs; whoever writes them gives the chunks back (<see cref="Reuse"/>).</summary>
    public List<ArraySegment<TraceRecord>> TakeRecords() => _records.Take();

    /// <summary>Gives the chunks taken with <see cref="TakeRecords"/> back once their records are written.</summary>
    public void Reuse(IEnumerable<ArraySegment<TraceRecord>> runs) => _buffers.Return(runs);
}
