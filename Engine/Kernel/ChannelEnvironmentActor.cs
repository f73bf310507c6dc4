using System.Diagnostics;
using Akka.Actor;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Tracing;
using static MaLAM4Com.Engine.Kernel.KernelMessages;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// The actor around one <see cref="ChannelPartition"/>: per window it sends each of its entities one
/// batch, waits for every answer, swaps cross-partition events with its live peers and tells the
/// clock it is ready. Entities of one window run in parallel; nothing here blocks. On a cluster a
/// peer may be lost with its member: a recoverable partition keeps what it sent each peer until it is
/// due, so that what a lost peer had not delivered is handed over to its next incarnation (with what
/// was bound for it meanwhile); exchanges of the lost incarnation are ignored. Akka orders messages
/// per sender only: what peers send may overtake the clock's wiring, and is kept until it comes.
/// What peers send in a window is held (<see cref="PendingExchanges"/>) until the clock opens a later
/// one, so that a peer lost before its window completed takes back what it sent in it. A partition
/// that writes its own trace flushes it once its part of a window is done, before it reports the window
/// ready: the file of one lost with its member holds every window the clock completed with it.
/// </summary>
public sealed class ChannelEnvironmentActor : UntypedActor
{
    private readonly ChannelPartition _partition;
    private readonly IReadOnlyList<IActorRef> _entities;
    private readonly ITraceSink? _trace;
    private readonly int _epoch;
    private readonly WindowActivity? _activity;
    private readonly Action<int, SimEvent[], int, int> _deliver;
    // Which peers' exchanges are in, for the current window and the next (a fast peer may be a window ahead).
    private readonly bool[][] _exchanged = new bool[2][];
    private readonly int[] _exchangedCount = new int[2];
    private readonly List<Exchange> _early = new();
    private readonly List<Handover> _earlyHandovers = new();
    private readonly PendingExchanges _pending = new();
    private IActorRef _clock = ActorRefs.Nobody;
    private IActorRef[] _peers = [];
    private int[] _epochs = [];
    private bool[] _live = [];
    private int _livePeers;
    // Per peer: events sent to it that are not due yet (recoverable partitions only), and events held while it is lost.
    private List<SimEvent>[] _inFlight = [];
    private List<SimEvent>[] _held = [];
    private readonly HashSet<int> _handoversDue = new();
    private Advance? _deferred;
    private long _window = -1;
    private long _windowEnd;
    private int _outstanding;
    private bool _localDone;
    // Wall time (stopwatch ticks) of this partition's own part of its windows, for the run's report only: the simulation never reads it.
    private long _openedAt;
    private long _busyTicks;
    // A failure before the wiring names the clock; told to it then.
    private string? _failure;

    /// <param name="entities">This partition's entities in local order (entity index / partition count).</param>
    /// <param name="trace">Where this partition writes its own trace records (on a cluster member); null: they go to the clock.</param>
    /// <param name="epoch">This incarnation of the partition (0 unless it replaces one lost with its member).</param>
    /// <param name="activity">Where it says which window it is working on, for its cluster member's host (null in one process).</param>
    public ChannelEnvironmentActor(ChannelPartition partition, IReadOnlyList<IActorRef> entities, ITraceSink? trace, int epoch, WindowActivity? activity)
    {
        _activity = activity;
        _partition = partition;
        _entities = entities;
        _trace = trace;
        _epoch = epoch;
        _deliver = Deliver;
    }

    public static Props Props(ChannelPartition partition, IReadOnlyList<IActorRef> entities, ITraceSink? trace = null, int epoch = 0, WindowActivity? activity = null) =>
        EntityProps.Of(() => new ChannelEnvironmentActor(partition, entities, trace, epoch, activity));

    protected override void OnReceive(object message)
    {
        try
        {
            switch (message)
            {
                case Wire w:
                    Wire(w);
                    break;
                case Advance a when _handoversDue.Count > 0:
                    _deferred = a;
                    break;
                case Advance a:
                    Open(a);
                    break;
                case Handover h when _peers.Length == 0:
                    // A survivor's handover can overtake the clock's wiring (another sender, maybe another member).
                    _earlyHandovers.Add(h);
                    break;
                case Handover h:
                    TakeHandover(h);
                    break;
                case BatchDone done:
                    _partition.Absorb(done);
                    if (_partition.SavedChunkDue)
                        _clock.Tell(new Saved(_partition.Index, _epoch, _window, _partition.TakeSaved()));
                    if (--_outstanding == 0)
                        FinishLocal();
                    break;
                case Exchange x:
                    Receive(x);
                    break;
                case PeerLost lost:
                    _pending.Withdraw(lost.Partition, lost.FromWindow);
                    MarkLost(lost.Partition);
                    HandoverDone(lost.Partition);
                    TryReady();
                    break;
                case PeerReplaced r:
                    Replaced(r);
                    break;
                case Finish:
                    _trace?.Complete();
                    Sender.Tell(new Finished(_partition.Index, _partition.Counters, _partition.Pending + _pending.Count, _partition.LocalEntities, (double)_busyTicks / Stopwatch.Frequency));
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }
        catch (Exception e)
        {
            Fail(e is SimulationFailedException ? e.Message : e.ToString());
        }
    }

    private void Fail(string reason)
    {
        if (_clock.IsNobody())
            _failure ??= reason;
        else
            _clock.Tell(new Failed(reason));
    }

    protected override void PostStop() => _trace?.Dispose();

    private void Open(Advance a)
    {
        _openedAt = Stopwatch.GetTimestamp();
        _window = a.Window;
        _windowEnd = a.EndUs;
        _activity?.Begin(a.Window);
        _localDone = false;
        _outstanding = 0;
        // What a peer has taken in a finished window is out of reach of its loss.
        if (_partition.Recoverable)
        {
            foreach (var sent in _inFlight)
                sent.RemoveAll(e => e.TimeUs < a.StartUs);
        }
        // Every partition finished the windows before this one: what peers sent in them stands.
        _partition.Accept(_pending.TakeBefore(a.Window));
        _partition.TakeWindow(a.StartUs, a.EndUs, _deliver);
        if (_outstanding == 0)
            FinishLocal();
    }

    // Each peer named by the wiring hands over once; anything else (a duplicate, a peer lost meanwhile) is late.
    private void TakeHandover(Handover h)
    {
        if (!_handoversDue.Contains(h.From))
            return;
        if (h.Epoch == _epochs[h.From])
            _partition.AcceptHandover(h.Events);
        HandoverDone(h.From);
    }

    private void HandoverDone(int peer)
    {
        if (_handoversDue.Remove(peer) && _handoversDue.Count == 0 && _deferred is { } a)
        {
            _deferred = null;
            Open(a);
        }
    }

    private void Replaced(PeerReplaced r)
    {
        int p = r.Partition;
        _peers[p] = r.Ref;
        _epochs[p] = r.Epoch;
        if (!_live[p])
        {
            _live[p] = true;
            _livePeers++;
        }
        r.Ref.Tell(new Handover(_partition.Index, _epoch, _held[p]));
        _held[p] = new List<SimEvent>();
        ReplayEarly();
    }

    private void Wire(Wire w)
    {
        _clock = w.Clock;
        _peers = w.Partitions.ToArray();
        int count = _peers.Length;
        _epochs = w.Epochs.ToArray();
        _inFlight = Enumerable.Range(0, count).Select(_ => new List<SimEvent>()).ToArray();
        _held = Enumerable.Range(0, count).Select(_ => new List<SimEvent>()).ToArray();
        _handoversDue.UnionWith(w.HandoverFrom);
        _live = new bool[count];
        for (int p = 0; p < count; p++)
            _live[p] = p != _partition.Index;
        _livePeers = count - 1;
        _exchanged[0] = new bool[count];
        _exchanged[1] = new bool[count];
        if (_failure is not null)
            _clock.Tell(new Failed(_failure));
        var handovers = _earlyHandovers.ToList();
        _earlyHandovers.Clear();
        foreach (var h in handovers)
            TakeHandover(h);
        ReplayEarly();
    }

    private void Receive(Exchange x)
    {
        // Not wired yet, or from an incarnation this partition does not know yet: keep it until it does.
        if (_peers.Length == 0 || x.Epoch > _epochs[x.From])
        {
            _early.Add(x);
            return;
        }
        if (x.Epoch < _epochs[x.From] || !_live[x.From])
            return;
        _pending.Add(x.Window, x.From, x.Events);
        var seen = _exchanged[x.Window & 1];
        if (!seen[x.From])
        {
            seen[x.From] = true;
            _exchangedCount[x.Window & 1]++;
        }
        TryReady();
    }

    private void ReplayEarly()
    {
        if (_early.Count == 0)
            return;
        var early = _early.ToList();
        _early.Clear();
        foreach (var x in early)
            Receive(x);
    }

    private void MarkLost(int peer)
    {
        if (!_live[peer])
            return;
        _live[peer] = false;
        _livePeers--;
        _held[peer].AddRange(_inFlight[peer]);
        _inFlight[peer].Clear();
        for (int k = 0; k < 2; k++)
        {
            if (_exchanged[k][peer])
            {
                _exchanged[k][peer] = false;
                _exchangedCount[k]--;
            }
        }
    }

    private void Deliver(int entity, SimEvent[] events, int offset, int count)
    {
        _outstanding++;
        _entities[_partition.LocalIndex(entity)].Tell(new DeliverBatch(_windowEnd, events, offset, count), Self);
    }

    private void FinishLocal()
    {
        var outbound = _partition.TakeOutbound();
        for (int p = 0; p < _peers.Length; p++)
        {
            if (_live[p])
            {
                _peers[p].Tell(new Exchange(_window, _partition.Index, _epoch, outbound[p]));
                if (_partition.Recoverable)
                    _inFlight[p].AddRange(outbound[p]);
            }
            else if (p != _partition.Index)
            {
                _held[p].AddRange(outbound[p]);
            }
        }
        // The window's records are all made: written while the peers' exchanges are on their way, not after them.
        if (_trace is not null)
        {
            var records = _partition.TakeRecords();
            TraceMerge.Merge(records, _trace);
            _partition.Reuse(records);
            _trace.Flush();
        }
        _localDone = true;
        _busyTicks += Stopwatch.GetTimestamp() - _openedAt;
        // Its own part of the window is done; waiting for peers is not work (a lost peer must not look alive).
        _activity?.End();
        TryReady();
    }

    private void TryReady()
    {
        int k = (int)(_window & 1);
        if (!_localDone || _exchangedCount[k] != _livePeers)
            return;
        _localDone = false;
        Array.Clear(_exchanged[k]);
        _exchangedCount[k] = 0;
        var records = _trace is null ? _partition.TakeRecords() : [];
        _clock.Tell(new Ready(_partition.Index, _epoch, _window, _partition.NextEventTimeUsWith(_pending.EarliestUs), records, _partition.Counters.Copy(), _partition.TakeSaved()));
    }
}
