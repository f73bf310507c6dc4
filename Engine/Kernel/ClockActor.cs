using Akka.Actor;
using MaLAM4Com.Engine.Clock;
using MaLAM4Com.Engine.Tracing;
using static MaLAM4Com.Engine.Kernel.KernelMessages;
using static MaLAM4Com.Engine.Kernel.RecoveryMessages;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// Drives the windows: waits until every partition is ready (quiescence: all batches handled, all
/// exchanges in), writes the window's trace in order, and opens the next window at the earliest
/// pending event. Completes the run's task at the end, or faults it on the first failure.
/// With a placement (on a cluster) it also watches the partitions: one lost with its member is
/// left out of the rest of its window and re-created on a survivor at the window's end, from the
/// states its entities saved in the windows completed with it (and its counters as they stood then: its
/// records of the window it was lost in are void, and the survivors forget what it sent in it); the
/// outage goes into the trace. It answers <see cref="KernelMessages.GetStatus"/>
/// with what it waits for, so that a caller can tell a run that stopped moving (see <see cref="ClockWatchdog"/>).
/// </summary>
public sealed class ClockActor : UntypedActor
{
    private enum Phase
    {
        Windows,
        Recovering,
        Finishing,
    }

    private readonly SimulationClock _clock;
    private readonly IActorRef[] _partitions;
    private readonly TraceWindowWriter? _writer;
    private readonly TaskCompletionSource<RunResult> _done;
    private readonly Action<KernelProgress>? _progress;
    private readonly IActorRef? _placement;
    private readonly bool _recovery;
    private readonly PartitionMap _map;
    private readonly List<ArraySegment<TraceRecord>>?[] _records;
    private readonly KernelCounters[] _counts;
    // Each partition's counters and saved states as of the last window completed with it.
    private readonly KernelCounters[] _committed;
    private readonly List<SavedState>[] _unsaved;
    // Per lost partition: where its incarnation's void records begin.
    private readonly long[] _voidFromUs;
    private readonly bool[] _ready;
    private readonly bool[] _finished;
    private readonly int[] _epochs;
    private readonly double?[] _busy;
    private readonly SortedSet<int> _lost = new();
    private readonly Dictionary<int, object?> _snapshots = new();
    private readonly List<string> _outages = new();
    private readonly KernelCounters _counters = new();
    private readonly System.Diagnostics.Stopwatch _wall = new();
    private readonly LongestWindows _longest = new();
    private TimeSpan _openedAt;
    private Phase _phase;
    private int _readyCount;
    private int _finishedCount;
    private long _earliest = long.MaxValue;
    private long _pending;
    private int _entities;
    private long _progressCount;

    /// <param name="placement">Re-creates partitions lost with their cluster member (see <see cref="RecoveryMessages"/>); null in one process.</param>
    /// <param name="buffers">The partitions' record chunks go back there once written (null: they came over the network).</param>
    /// <param name="recovery">Whether the partitions keep what re-creating a lost one needs; without it a lost partition fails the run.</param>
    public ClockActor(SimulationClock clock, PartitionMap map, IReadOnlyList<IActorRef> partitions, ITraceSink? sink, TaskCompletionSource<RunResult> done, Action<KernelProgress>? progress, IActorRef? placement, TraceBufferPool? buffers, bool recovery)
    {
        _recovery = recovery;
        _map = map;
        _clock = clock;
        _partitions = partitions.ToArray();
        _writer = sink is null ? null : new TraceWindowWriter(sink, buffers);
        _done = done;
        _progress = progress;
        _placement = placement;
        _records = new List<ArraySegment<TraceRecord>>?[partitions.Count];
        _counts = partitions.Select(_ => new KernelCounters()).ToArray();
        _committed = partitions.Select(_ => new KernelCounters()).ToArray();
        _unsaved = partitions.Select(_ => new List<SavedState>()).ToArray();
        _voidFromUs = new long[partitions.Count];
        _ready = new bool[partitions.Count];
        _finished = new bool[partitions.Count];
        _epochs = new int[partitions.Count];
        _busy = new double?[partitions.Count];
    }

    public static Props Props(SimulationClock clock, PartitionMap map, IReadOnlyList<IActorRef> partitions, ITraceSink? sink, TaskCompletionSource<RunResult> done, Action<KernelProgress>? progress, IActorRef? placement = null, TraceBufferPool? buffers = null, bool recovery = true) =>
        Akka.Actor.Props.Create(() => new ClockActor(clock, map, partitions, sink, done, progress, placement, buffers, recovery));

    private int Live => _partitions.Length - _lost.Count;

    protected override void OnReceive(object message)
    {
        try
        {
            switch (message)
            {
                case Begin:
                    var wire = new Wire(Self, _partitions, _epochs, []);
                    foreach (var p in _partitions)
                    {
                        p.Tell(wire);
                        if (_placement is not null)
                            Context.Watch(p);
                    }
                    _wall.Start();
                    // Every entity starts at time 0.
                    Next(0);
                    break;
                case Ready r when FromLiveIncarnation(r.Partition, r.Epoch):
                    _progressCount++;
                    OnReady(r);
                    break;
                case Ready:
                    // From an incarnation lost since it sent this.
                    break;
                case Saved s when FromLiveIncarnation(s.Partition, s.Epoch):
                    _progressCount++;
                    Keep(s.Partition, s.States);
                    break;
                case Saved:
                    // From an incarnation lost since it sent this.
                    break;
                case Finished f:
                    _progressCount++;
                    _counters.Add(f.Counters);
                    _pending += f.Pending;
                    _entities += f.Entities;
                    _busy[f.Partition] = f.BusySeconds;
                    MarkFinished(f.Partition);
                    break;
                case Terminated t:
                    _progressCount++;
                    OnLost(t.ActorRef);
                    break;
                case Replaced rep:
                    _progressCount++;
                    OnReplaced(rep);
                    break;
                case GetStatus:
                    Sender.Tell(new KernelMessages.Status(_progressCount, _phase == Phase.Recovering, Waiting()));
                    break;
                case ReplaceFailed f:
                    throw new SimulationFailedException($"the run cannot go on without its lost partitions: {f.Reason}");
                case Failed f:
                    _done.TrySetException(new SimulationFailedException(f.Reason));
                    Context.Stop(Self);
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }
        catch (Exception e)
        {
            _done.TrySetException(e);
            Context.Stop(Self);
        }
    }

    private void OnReady(Ready r)
    {
        _records[r.Partition] = r.Records;
        _counts[r.Partition] = r.Counters;
        _earliest = Math.Min(_earliest, r.NextEventUs);
        Keep(r.Partition, r.Saved);
        if (!_ready[r.Partition])
        {
            _ready[r.Partition] = true;
            _readyCount++;
        }
        TryCompleteWindow();
    }

    private bool FromLiveIncarnation(int partition, int epoch) => epoch == _epochs[partition] && !_lost.Contains(partition);

    // States saved in the current window, kept for re-creating their partition once the window completes (on a cluster).
    private void Keep(int partition, List<SavedState> states)
    {
        if (_placement is not null)
            _unsaved[partition].AddRange(states);
    }

    private void TryCompleteWindow()
    {
        if (_phase != Phase.Windows || _readyCount != Live)
            return;
        Array.Clear(_ready);
        _readyCount = 0;
        _longest.Add(new WindowWall(_clock.Window, _clock.WindowStartUs, _clock.WindowEndUs, (_wall.Elapsed - _openedAt).TotalSeconds));
        Commit();
        WriteWindow();
        if (_progress is not null)
        {
            var c = _counts;
            _progress(new KernelProgress(_clock.Window, _clock.WindowEndUs, _clock.EndTimeUs, c.Sum(x => x.Sent), c.Sum(x => x.Delivered), c.Sum(x => x.Dropped), c.Sum(x => x.Batches)));
        }
        Continue();
    }

    // The window's reports of the partitions that finished it stand; a lost one's do not.
    private void Commit()
    {
        for (int p = 0; p < _partitions.Length; p++)
        {
            if (!_lost.Contains(p))
            {
                _committed[p] = _counts[p];
                foreach (var s in _unsaved[p])
                    _snapshots[s.Entity] = s.Snapshot;
            }
            _unsaved[p].Clear();
        }
    }

    private void OnLost(IActorRef partition)
    {
        int p = Array.IndexOf(_partitions, partition);
        if (p < 0 || !_lost.Add(p))
            return;
        if (_ready[p])
        {
            _ready[p] = false;
            _readyCount--;
        }
        // In a window, the lost partition's part of it is void; between windows, the last one completed with it.
        bool inWindow = _phase == Phase.Windows;
        long fromWindow = inWindow ? _clock.Window : _clock.Window + 1;
        _voidFromUs[p] = inWindow ? _clock.WindowStartUs : _clock.WindowEndUs;
        for (int q = 0; q < _partitions.Length; q++)
        {
            if (!_lost.Contains(q))
                _partitions[q].Tell(new PeerLost(p, fromWindow));
        }
        if (_phase == Phase.Finishing && !_finished[p])
        {
            // Lost after its last window: its last report stands for its totals.
            _counters.Add(_counts[p]);
            _entities += _map.Entities(p).Count;
            _outages.Add($"partition {p} was lost with {partition.Path.Address} after the last window; its last reported counts are used");
            MarkFinished(p);
        }
        else if (_phase == Phase.Windows)
        {
            TryCompleteWindow();
        }
    }

    private void RequestReplacements()
    {
        if (!_recovery)
        {
            var lostWith = string.Join(", ", _lost.Select(p => $"partition {p} with {_partitions[p].Path.Address}"));
            throw new SimulationFailedException($"lost {lostWith}; kernel.recovery is off, so nothing was kept to re-create it: a run that must survive the loss of a member needs kernel.recovery = on");
        }
        _phase = Phase.Recovering;
        long atUs = _clock.WindowEndUs;
        var lost = new List<LostPartition>();
        foreach (int p in _lost)
        {
            int epoch = _epochs[p] + 1;
            if (epoch > PartitionRestore.MaxEpoch)
                throw new SimulationFailedException($"partition {p} was lost more than {PartitionRestore.MaxEpoch} times");
            var snapshots = new Dictionary<int, object?>();
            foreach (int e in _map.Entities(p))
            {
                if (_snapshots.TryGetValue(e, out var s))
                    snapshots[e] = s;
            }
            lost.Add(new LostPartition(p, _partitions[p].Path.Address, new PartitionRestore(atUs, epoch, snapshots, _committed[p].Copy()), _voidFromUs[p]));
        }
        _placement!.Tell(new Replace(lost));
    }

    private void OnReplaced(Replaced rep)
    {
        long atUs = _clock.WindowEndUs;
        foreach (var r in rep.Partitions)
        {
            int p = r.Partition;
            var was = _partitions[p].Path.Address;
            _partitions[p] = r.Ref;
            _epochs[p]++;
            _lost.Remove(p);
            Context.Watch(r.Ref);
            _earliest = Math.Min(_earliest, r.NextEventUs);
            int entities = _map.Entities(p).Count;
            var detail = $"partition {p} ({entities} entities) lost with member {was}; its entities restart on {r.Member} from their last saved state";
            _clock.AddFault(TraceRecord.Fault(atUs, -1, FaultEvent.MemberLost, detail));
            _outages.Add($"t={atUs}us: {detail}");
        }
        var replaced = rep.Partitions.Select(r => r.Partition).ToHashSet();
        // New incarnations wait for what each survivor had sent their predecessors and not yet seen delivered.
        // A survivor's handover may reach a new incarnation before this wiring does (Akka orders messages
        // per sender only): the partition keeps it until wired.
        var survivors = Enumerable.Range(0, _partitions.Length).Where(q => !replaced.Contains(q) && !_lost.Contains(q)).ToList();
        var wire = new Wire(Self, _partitions, _epochs.ToArray(), survivors);
        for (int q = 0; q < _partitions.Length; q++)
        {
            if (replaced.Contains(q))
            {
                _partitions[q].Tell(wire);
                continue;
            }
            foreach (var r in rep.Partitions)
                _partitions[q].Tell(new PeerReplaced(r.Partition, r.Ref, _epochs[r.Partition]));
        }
        _phase = Phase.Windows;
        Continue();
    }

    // Partitions lost in the window just done (or while others were re-created) are re-created before time goes on.
    private void Continue()
    {
        if (_lost.Count > 0)
        {
            RequestReplacements();
            return;
        }
        long earliest = _earliest;
        _earliest = long.MaxValue;
        Next(earliest);
    }

    private void Next(long earliest)
    {
        if (_clock.TryAdvance(earliest))
        {
            _openedAt = _wall.Elapsed;
            foreach (var p in _partitions)
                p.Tell(new Advance(_clock.Window, _clock.WindowStartUs, _clock.WindowEndUs));
        }
        else
        {
            _phase = Phase.Finishing;
            foreach (var p in _partitions)
                p.Tell(new Finish());
        }
    }

    private void MarkFinished(int partition)
    {
        if (_finished[partition])
            return;
        _finished[partition] = true;
        if (++_finishedCount < _partitions.Length)
            return;
        _writer?.Complete(_clock.TakeFaults(_clock.EndTimeUs + 1));
        _done.TrySetResult(new RunResult(_clock.Window + 1, _clock.WindowEndUs, _counters, _pending, _wall.Elapsed, _entities, _outages,
            [.. _busy.Select((busy, p) => new PartitionWork(p, _placement is null ? null : Member(p), busy))], _longest.Longest));
        Context.Stop(Self);
    }

    // Stopped before the end (on a cluster: the driver's member downed, its actor system shut down): whoever waits must not wait forever.
    protected override void PostStop()
    {
        // The writer is done with the sink before whoever waits on the run hears of its end and disposes it.
        _writer?.Dispose();
        _done.TrySetException(new SimulationFailedException($"the clock stopped in window {_clock.Window}, before the run ended; on a cluster, the driver's member may have been downed and its actor system shut down"));
    }

    // The member a partition lives on: the driver's own partitions have local paths, so this system's address stands for them.
    private string Member(int partition)
    {
        var address = _partitions[partition].Path.Address;
        return (address.HasGlobalScope ? address : ((ExtendedActorSystem)Context.System).Provider.DefaultAddress).ToString();
    }

    private string Waiting()
    {
        var self = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress;
        string Partitions(IEnumerable<int> which) => string.Join(", ", which.Select(p =>
            $"partition {p} (incarnation {_epochs[p]}) at {(_partitions[p].Path.Address.HasGlobalScope ? _partitions[p].Path.ToString() : _partitions[p].Path.ToStringWithAddress(self))}"));
        var lost = _lost.Count == 0 ? "" : $"; partitions {string.Join(", ", _lost)} were lost with their members and are re-created when the window closes";
        var all = Enumerable.Range(0, _partitions.Length);
        return _phase switch
        {
            Phase.Windows => $"window {_clock.Window} [{_clock.WindowStartUs}us, {_clock.WindowEndUs}us) waits for the ready report of {Partitions(all.Where(p => !_ready[p] && !_lost.Contains(p)))}{lost}",
            Phase.Recovering => $"waiting for the placement to re-create partitions {string.Join(", ", _lost)} after window {_clock.Window}",
            _ => $"waiting for the final counts of {Partitions(all.Where(p => !_finished[p]))}",
        };
    }

    private void WriteWindow()
    {
        if (_writer is null)
            return;
        var runs = _records.Where((records, p) => records is not null && !_lost.Contains(p)).SelectMany(records => records!).ToList();
        runs.Add(new ArraySegment<TraceRecord>(_clock.TakeFaults(_clock.WindowEndUs).ToArray()));
        _writer.Write(runs);
        Array.Clear(_records);
    }
}
