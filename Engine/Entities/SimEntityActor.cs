using Akka.Actor;

namespace MaLAM4Com.Engine.Entities;

/// <summary>
/// Base of every simulated entity. The kernel hands it the events of one lookahead window at a
/// time; it handles them in key order (merging timers it sets for inside the window), collects
/// what the handlers send, and answers with one <see cref="BatchDone"/>. Subclasses never see
/// Akka messages or wall-clock time: only <see cref="Now"/>, <see cref="Send"/>,
/// <see cref="SetTimer"/>, <see cref="Metric"/> and <see cref="SaveState"/>.
/// </summary>
public abstract class SimEntityActor : UntypedActor
{
    // What nothing-producing batches hand over; the kernel only reads an outbox.
    private static readonly List<Outgoing> NoOutput = new();

    // Both made on first use and the outbox handed over with each answer, so that an idle entity holds
    // no buffers: at 10^6 entities every retained list costs hundreds of megabytes.
    private PriorityQueue<SimEvent, EventKey>? _localTimers;
    private List<Outgoing>? _outbox;
    // The last outbox's size: entities produce about as much each round, so the next one is made that
    // big at once instead of growing through copies that a window of 10^6 entities keeps alive.
    private int _outboxSize = 4;
    private uint _counter;
    private long _windowEnd;
    private long _parent;
    private bool _saved;
    private object? _snapshot;

    protected SimEntityActor(int id)
    {
        Id = id;
    }

    /// <summary>This entity's kernel index.</summary>
    protected int Id { get; }

    /// <summary>Simulated time of the event being handled, in µs.</summary>
    protected long Now { get; private set; }

    /// <summary>The protocol round that outgoing messages and metrics are tagged with (-1: none).</summary>
    protected int Round { get; set; } = -1;

    protected sealed override void OnReceive(object message)
    {
        if (message is not DeliverBatch batch)
        {
            Unhandled(message);
            return;
        }
        _windowEnd = batch.WindowEndUs;
        string? failure = null;
        try
        {
            HandleBatch(batch);
        }
        catch (Exception e)
        {
            failure = $"{GetType().Name} {Id} failed at t={Now}us: {e}";
        }
        Sender.Tell(new BatchDone(Id, _outbox ?? NoOutput, _saved, _snapshot, failure));
        // Not kept: the kernel decides whether the snapshot is worth holding until the next save.
        _saved = false;
        _snapshot = null;
        if (_outbox is not null)
            _outboxSize = _outbox.Count;
        _outbox = null;
    }

    private void HandleBatch(DeliverBatch batch)
    {
        int i = batch.Offset, end = batch.Offset + batch.Count;
        while (i < end || _localTimers is { Count: > 0 })
        {
            SimEvent next;
            if (_localTimers is { Count: > 0 } && (i >= end || _localTimers.Peek().Key.CompareTo(batch.Events[i].Key) < 0))
                next = _localTimers.Dequeue();
            else
                next = batch.Events[i++];
            Handle(next);
        }
    }

    private void Handle(in SimEvent e)
    {
        Now = e.TimeUs;
        // A message caused by a timer names the timer's own cause, so causal chains run through messages only.
        _parent = e.Kind == EventKind.Message ? e.MessageId : e.ParentId;
        switch (e.Payload)
        {
            case KernelSignals.Start when e.Kind == EventKind.Signal:
                OnStart();
                break;
            case KernelSignals.Restarted r when e.Kind == EventKind.Signal:
                _counter = Math.Max(_counter, r.CounterFloor);
                OnRestart(r.Snapshot);
                break;
            default:
                if (e.Kind == EventKind.Timer)
                    OnTimer(e.Payload);
                else
                    OnMessage(e.Sender, e.Payload);
                break;
        }
    }

    /// <summary>Called once at time 0.</summary>
    protected abstract void OnStart();

    /// <summary>A message from entity <paramref name="from"/> arrived.</summary>
    protected abstract void OnMessage(int from, object message);

    /// <summary>A timer set with <see cref="SetTimer"/> fired.</summary>
    protected virtual void OnTimer(object payload) =>
        throw new InvalidOperationException($"{GetType().Name} set a timer but does not handle timers");

    /// <summary>
    /// The entity comes back after a crash: replace all state with <paramref name="snapshot"/> (the
    /// last <see cref="Snapshot"/> saved before the crash) or, when null, with the initial state.
    /// </summary>
    protected virtual void OnRestart(object? snapshot) =>
        throw new InvalidOperationException($"{GetType().Name} was restarted but does not support restarts");

    /// <summary>An immutable copy of the state worth keeping across a crash.</summary>
    protected virtual object? Snapshot() => null;

    /// <summary>Sends a message through the channel environment; its fate is decided there.</summary>
    protected void Send(int to, ISimMessage message) =>
        Output(new Outgoing(OutgoingKind.Send, Now, ++_counter, to, _parent, Round, message, null, 0));

    /// <summary>Sets a timer on the simulated clock; <paramref name="atUs"/> must not be in the past.</summary>
    protected void SetTimer(long atUs, object payload)
    {
        if (atUs < Now)
            throw new ArgumentOutOfRangeException(nameof(atUs), atUs, $"timer set in the past (now {Now}us)");
        uint counter = ++_counter;
        if (atUs < _windowEnd)
            (_localTimers ??= new()).Enqueue(new SimEvent(atUs, Id, counter, Id, MessageId.Make(Id, counter), _parent, Round, EventKind.Timer, payload), new EventKey(atUs, Id, counter));
        else
            Output(new Outgoing(OutgoingKind.Timer, atUs, counter, Id, _parent, Round, payload, null, 0));
    }

    /// <summary>Records a named value (a queue backlog, a loss) in the trace at the current time.</summary>
    protected void Metric(MetricName name, double value) =>
        Output(new Outgoing(OutgoingKind.Metric, Now, ++_counter, Id, _parent, Round, null, name.Name, value));

    private void Output(in Outgoing o) => (_outbox ??= new List<Outgoing>(_outboxSize)).Add(o);

    /// <summary>Hands the kernel a <see cref="Snapshot"/> to restore from if this entity crashes later.</summary>
    protected void SaveState()
    {
        _saved = true;
        _snapshot = Snapshot();
    }
}
