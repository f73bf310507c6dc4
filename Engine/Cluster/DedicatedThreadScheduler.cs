using System.Diagnostics;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace MaLAM4Com.Engine.Cluster;

/// <summary>
/// Akka's scheduler (<c>akka.scheduler.implementation</c>) on a thread of its own. Akka's default one waits for each tick
/// with <see cref="Task.Delay(TimeSpan)"/>, whose continuation runs on the .NET pool: while a member's entities keep the
/// pool's queue full, every timer of the actor system (the cluster's heartbeat ticks, the failure detector's reaper, the
/// split-brain resolver's) fired seconds late, and healthy members downed each other. Here a timer fires on time however
/// busy the pool is; what it does (a tell, mostly) is short and runs on this thread, as it did on Akka's.
/// </summary>
public sealed class DedicatedThreadScheduler : SchedulerBase, IDateTimeOffsetNowTimeProvider, IDisposable
{
    private static readonly long Started = Stopwatch.GetTimestamp();
    private readonly object _gate = new();
    // By due time (Stopwatch ticks), then by the order they were scheduled in.
    private readonly PriorityQueue<Timer, (long Due, long Order)> _timers = new();
    private readonly Thread _thread;
    private long _order;
    private bool _stopped;

    public DedicatedThreadScheduler(Akka.Configuration.Config scheduler, ILoggingAdapter log) : base(scheduler, log)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "akka-scheduler" };
        _thread.Start();
    }

    protected override DateTimeOffset TimeNow => DateTimeOffset.Now;

    public override TimeSpan MonotonicClock => Stopwatch.GetElapsedTime(Started);

    public override TimeSpan HighResMonotonicClock => Stopwatch.GetElapsedTime(Started);

    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Add(delay, TimeSpan.Zero, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Add(initialDelay, interval, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Add(delay, TimeSpan.Zero, action, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Add(initialDelay, interval, action, cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Add(delay, TimeSpan.Zero, action.Run, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Add(initialDelay, interval, action.Run, cancelable);

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.Pulse(_gate);
        }
        if (Thread.CurrentThread != _thread)
            _thread.Join(TimeSpan.FromSeconds(5));
    }

    private void Add(TimeSpan delay, TimeSpan interval, Action action, ICancelable? cancelable)
    {
        long due = Stopwatch.GetTimestamp() + Ticks(delay);
        lock (_gate)
        {
            if (_stopped)
                throw new SchedulerException("cannot schedule after the scheduler stopped");
            _timers.Enqueue(new Timer(action, Ticks(interval), cancelable), (due, _order++));
            Monitor.Pulse(_gate);
        }
    }

    private void Run()
    {
        while (true)
        {
            Timer timer;
            long due;
            lock (_gate)
            {
                while (true)
                {
                    if (_stopped)
                        return;
                    if (_timers.TryPeek(out _, out var next))
                    {
                        long wait = next.Due - Stopwatch.GetTimestamp();
                        if (wait <= 0)
                            break;
                        // Whole milliseconds, rounded up: a wait under one would return at once and spin.
                        Monitor.Wait(_gate, (int)Math.Min(int.MaxValue, Math.Ceiling(wait * 1000.0 / Stopwatch.Frequency)));
                    }
                    else
                    {
                        Monitor.Wait(_gate);
                    }
                }
                _timers.TryDequeue(out timer!, out var key);
                due = key.Due;
            }
            if (timer.Cancelable?.IsCancellationRequested == true)
                continue;
            try
            {
                timer.Action();
            }
            catch (Exception e)
            {
                Log.Error(e, "a scheduled action failed");
            }
            if (timer.Interval > 0)
            {
                // The next one a period after this one was due, or now if that has passed: a late timer does not fire in bursts.
                long next = Math.Max(due + timer.Interval, Stopwatch.GetTimestamp());
                lock (_gate)
                    _timers.Enqueue(timer, (next, _order++));
            }
        }
    }

    // Stopwatch ticks, capped far from overflow: a timer a century away (TimeSpan.MaxValue, say) never fires either way.
    private static long Ticks(TimeSpan span) => (long)Math.Min(Math.Max(0, span.Ticks) * (double)Stopwatch.Frequency / TimeSpan.TicksPerSecond, long.MaxValue / 4);

    private sealed record Timer(Action Action, long Interval, ICancelable? Cancelable);
}
