namespace MaLAM4Com.Engine.Kernel;

/// <summary>What a kernel run did: windows, the simulated time reached, and its message counts.</summary>
public sealed record RunResult(long Windows, long SimulatedUs, KernelCounters Counters, long PendingAtEnd);

/// <summary>Reported after every window, for progress displays.</summary>
public readonly record struct KernelProgress(long Window, long SimulatedUs, long EndTimeUs);
