using System.Diagnostics;
using Akka.Actor;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// Waits for a clock's run to end and fails it when it stops moving: no report reached the clock for
/// <c>stallTimeout</c> of wall time while it waited on partitions (the placement's re-creation of lost
/// ones has its own deadline). A member lost but never downed, or a protocol fault, then ends the run
/// with an error that names the partitions and members the clock waits for, not a silent hang. Wall
/// time only decides when to give up: it never reaches simulated time or the trace.
/// </summary>
public static class ClockWatchdog
{
    public static RunResult Await(IActorRef clock, Task<RunResult> done, TimeSpan stallTimeout)
    {
        if (stallTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(stallTimeout), stallTimeout, "the stall timeout must be positive");
        var poll = TimeSpan.FromTicks(Math.Clamp(stallTimeout.Ticks / 10, TimeSpan.TicksPerMillisecond * 50, TimeSpan.TicksPerSecond));
        var quiet = Stopwatch.StartNew();
        long progress = -1;
        string waiting = "the clock did not answer";
        while (!((IAsyncResult)done).AsyncWaitHandle.WaitOne(poll))
        {
            if (Ask(clock, poll) is { } status)
            {
                waiting = status.Waiting;
                if (status.Progress != progress || status.Recovering)
                {
                    progress = status.Progress;
                    quiet.Restart();
                    continue;
                }
            }
            if (quiet.Elapsed >= stallTimeout)
            {
                clock.Tell(PoisonPill.Instance);
                throw new SimulationFailedException($"the run stopped moving: nothing reached the clock for {stallTimeout.TotalSeconds:0.#}s; {waiting}");
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
