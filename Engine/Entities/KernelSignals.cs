namespace MaLAM4Com.Engine.Entities;

/// <summary>Payloads the kernel itself delivers to entities, as events on the simulated clock.</summary>
public static class KernelSignals
{
    /// <summary>Delivered to every entity at time 0 (and only then).</summary>
    public sealed record Start
    {
        public static readonly Start Instance = new();
    }

    /// <summary>
    /// Delivered when a crashed entity comes back. <see cref="Snapshot"/> is the state it saved last
    /// before the crash when the fault plan restores it, otherwise null (a cold restart).
    /// <see cref="CounterFloor"/> is where a re-created actor's message counter resumes (0: where it
    /// was), so that the ids of what it sends after a restart on another cluster member stay unique.
    /// </summary>
    public sealed record Restarted(object? Snapshot, uint CounterFloor = 0);
}
