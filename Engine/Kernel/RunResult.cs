namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// What a kernel run did: windows, the simulated time reached, its message counts, and the wall
/// time from the first window to the end (for reports only; the simulation never reads it).
/// </summary>
public sealed record RunResult(long Windows, long SimulatedUs, KernelCounters Counters, long PendingAtEnd, TimeSpan Wall);

/// <summary>Reported after every window, for progress displays: where the clock is and the message counts so far.</summary>
public readonly record struct KernelProgress(long Window, long SimulatedUs, long EndTimeUs, long Sent, long Delivered, long Dropped);
