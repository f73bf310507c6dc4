using System.Diagnostics;
using Akka.Actor;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// Waits for a clock's run to end and fails it when it stops moving (<see cref="StallDetector"/>): no report
/// reached the clock, and no partition said it was still working on a window, for <c>stallTimeout</c> of
/// wall time while it waited on partitions (the placement's re-creation of lost ones has its own deadline).
/// A member lost but never downed, or a protocol fault, then ends the run with an error that names the partitions and members the clock waits for, not a silent hang. Wall
/// time only decides when to give up: it never reaches simulated time or the trace.
/// </summary>
public static class ClockWatchdog
{
    /// <param name="alive">What the partitions said while working on a window (null: nothing but the clock's reports counts).</param>
    public static RunResult Await(IActorRef clock, Task<RunResult> done, TimeSpan stallTimeout, AliveReports? alive = null)
    {
        var wall = Stopwatch.StartNew();
        var detector = new StallDetector(stallTimeout, wall.Elapsed);
        var poll = TimeSpan.FromTicks(Math.Clamp(stallTimeout.Ticks / 10, TimeSpan.TicksPerMillisecond * 50, TimeSpan.TicksPerSecond));
        string waiting = "the clock did not answer";
        while (!((IAsyncResult)done).AsyncWaitHandle.WaitOne(poll))
        {
            var status = Ask(clock, poll);
            if (status is not null)
                waiting = status.Waiting;
            if (detector.Stalled(wall.Elapsed, status, alive?.Count ?? 0))
            {
                clock.Tell(PoisonPill.Instance);
                throw new SimulationFailedException($"the run stopped moving: nothing reached the clock for {stallTimeout.TotalSeconds:0.#}s and no partition said it was still working on a window; {waiting}");
            }
        }
        return done.GetAwaiter().GetResult();
    }

    // Null when the clock is too busy (or gone) to answer in time.
    private static KernelMessages.Status? Ask(IActorRef clock, TimeSpan timeout)
    {
        try
        {
            return clock.Ask<KernelMessages.Status>(new KernelMessages.GetStatus(), timeout).GetAwaiter().GetResult();
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
