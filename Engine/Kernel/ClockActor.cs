using Akka.Actor;
using MaLAM4Com.Engine.Clock;
using MaLAM4Com.Engine.Tracing;
using static MaLAM4Com.Engine.Kernel.KernelMessages;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// Drives the windows: waits until every partition is ready (quiescence: all batches handled, all
/// exchanges in), writes the window's trace in order, and opens the next window at the earliest
/// pending event. Completes the run's task at the end, or faults it on the first failure.
/// </summary>
public sealed class ClockActor : UntypedActor
{
    /// <summary>Sent once by the kernel after wiring.</summary>
    public sealed record Begin;

    private readonly SimulationClock _clock;
    private readonly IReadOnlyList<IActorRef> _partitions;
    private readonly ITraceSink? _sink;
    private readonly TaskCompletionSource<RunResult> _done;
    private readonly Action<KernelProgress>? _progress;
    private readonly List<TraceRecord>?[] _records;
    private readonly (long Sent, long Delivered, long Dropped)[] _counts;
    private readonly KernelCounters _counters = new();
    private int _ready;
    private long _earliest = long.MaxValue;
    private int _finished;
    private long _pending;
    private readonly System.Diagnostics.Stopwatch _wall = new();

    public ClockActor(SimulationClock clock, IReadOnlyList<IActorRef> partitions, ITraceSink? sink, TaskCompletionSource<RunResult> done, Action<KernelProgress>? progress)
    {
        _clock = clock;
        _partitions = partitions;
        _sink = sink;
        _done = done;
        _progress = progress;
        _records = new List<TraceRecord>?[partitions.Count + 1];
        _counts = new (long, long, long)[partitions.Count];
    }

    public static Props Props(SimulationClock clock, IReadOnlyList<IActorRef> partitions, ITraceSink? sink, TaskCompletionSource<RunResult> done, Action<KernelProgress>? progress) =>
        Akka.Actor.Props.Create(() => new ClockActor(clock, partitions, sink, done, progress));

    protected override void OnReceive(object message)
    {
        try
        {
            switch (message)
            {
                case Begin:
                    _wall.Start();
                    // Every entity starts at time 0.
                    Next(0);
                    break;
                case Ready r:
                    _records[r.Partition] = r.Records;
                    _counts[r.Partition] = (r.Sent, r.Delivered, r.Dropped);
                    _earliest = Math.Min(_earliest, r.NextEventUs);
                    if (++_ready == _partitions.Count)
                    {
                        _ready = 0;
                        WriteWindow();
                        _progress?.Invoke(new KernelProgress(_clock.Window, _clock.WindowEndUs, _clock.EndTimeUs,
                            _counts.Sum(c => c.Sent), _counts.Sum(c => c.Delivered), _counts.Sum(c => c.Dropped)));
                        long earliest = _earliest;
                        _earliest = long.MaxValue;
                        Next(earliest);
                    }
                    break;
                case Finished f:
                    _counters.Add(f.Counters);
                    _pending += f.Pending;
                    if (++_finished == _partitions.Count)
                    {
                        if (_sink is not null)
                        {
                            Write(_clock.TakeFaults(_clock.EndTimeUs + 1));
                            _sink.Complete();
                        }
                        _done.TrySetResult(new RunResult(_clock.Window + 1, _clock.WindowEndUs, _counters, _pending, _wall.Elapsed));
                        Context.Stop(Self);
                    }
                    break;
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

    private void Next(long earliest)
    {
        if (_clock.TryAdvance(earliest))
        {
            foreach (var p in _partitions)
                p.Tell(new Advance(_clock.Window, _clock.WindowStartUs, _clock.WindowEndUs));
        }
        else
        {
            foreach (var p in _partitions)
                p.Tell(new Finish());
        }
    }

    private void WriteWindow()
    {
        if (_sink is null)
            return;
        _records[_partitions.Count] = _clock.TakeFaults(_clock.WindowEndUs).ToList();
        TraceMerge.Merge(_records!, _sink);
    }

    private void Write(IReadOnlyList<TraceRecord> records)
    {
        foreach (var r in records)
            _sink!.Write(r);
    }
}
