namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// What a kernel run did: windows, the simulated time reached, its message counts, the wall time
/// from the first window to the end (for reports only; the simulation never reads it), the entities
/// the partitions hosted at the end and, on a cluster, the outages the run recovered from.
/// </summary>
public sealed record RunResult(long Windows, long SimulatedUs, KernelCounters Counters, long PendingAtEnd, TimeSpan Wall, int Entities, IReadOnlyList<string> Outages);

/// <summary>Reported after every window, for progress displays: where the clock is and the message and batch counts so far.</summary>
public readonly record struct KernelProgress(long Window, long SimulatedUs, long EndTimeUs, long Sent, long Delivered, long Dropped, long Batches);
