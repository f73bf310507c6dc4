namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// What a kernel run did: windows, the simulated time reached, its message counts, the wall time
/// from the first window to the end (for reports only; the simulation never reads it), the entities
/// the partitions hosted at the end, on a cluster the outages the run recovered from, how long each partition worked, and the
/// run's longest windows (<see cref="LongestWindows"/>).
/// </summary>
public sealed record RunResult(long Windows, long SimulatedUs, KernelCounters Counters, long PendingAtEnd, TimeSpan Wall, int Entities, IReadOnlyList<string> Outages, IReadOnlyList<PartitionWork> Partitions,
    IReadOnlyList<WindowWall> LongestWindows);

/// <summary>
/// How long partition <paramref name="Partition"/> worked on its part of the windows, in wall seconds (see
/// <see cref="KernelMessages.Finished"/>; null when it was lost after the last window); the rest of the run's wall it
/// waited for its peers and the clock. <paramref name="Member"/> is the cluster member that hosted it at the end
/// (null in one process). A partition re-created after its member was lost counts its last incarnation's work only.
/// For reports only; the simulation never reads it.
/// </summary>
public sealed record PartitionWork(int Partition, string? Member, double? BusySeconds);

/// <summary>Reported after every window, for progress displays: where the clock is and the message and batch counts so far.</summary>
public readonly record struct KernelProgress(long Window, long SimulatedUs, long EndTimeUs, long Sent, long Delivered, long Dropped, long Batches);
