namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// How the kernel runs: partitions of the channel environment (0: one per core), dispatcher
/// threads for the actors (0: the .NET thread pool), the simulated time at which it stops, and
/// the cap on this process's GC heap in MiB (0: none; see <see cref="HeapLimit"/>), and whether a cluster run keeps
/// what re-creating a lost member's partitions needs (<c>kernel.recovery</c>).
/// None of these change a trace: only seed and scenario do.
/// </summary>
public sealed record KernelSettings(int Partitions, int Threads, long EndTimeUs, int HeapLimitMb = 0, bool Recovery = true)
{
    public int EffectivePartitions(int entityCount) =>
        Math.Max(1, Math.Min(Partitions > 0 ? Partitions : Environment.ProcessorCount, entityCount));
}
