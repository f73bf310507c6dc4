using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MaLAM4Com.Cli.Bench;

/// <summary>
/// How fast a core reaches memory right now: a fixed chain of dependent reads through a random cycle over an array
/// far larger than the caches, timed on a thread pinned to the core. On a virtual machine the same program on the
/// same core can take markedly more CPU time in one run than in the next while a loop in the first-level cache runs
/// as fast as ever: the memory system is shared with whatever else the host runs. A probe just before and just after
/// each run says in which state the run's cores were.
/// </summary>
public static class CoreSpeedProbe
{
    private const int Slots = 8 << 20;
    private const int Steps = 1 << 20;
    private static readonly Lazy<int[]> Cycle = new(MakeCycle);

    /// <summary>Milliseconds the walk took on <paramref name="cpu"/>; null where a thread cannot be pinned (not Linux).</summary>
    public static double? Milliseconds(int cpu)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        double? ms = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                if (Pin(cpu))
                    ms = Time();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true, Name = $"core-probe-{cpu}" };
        thread.Start();
        thread.Join();
        return failure is null ? ms : throw new InvalidOperationException($"the core probe failed on core {cpu}: {failure.Message}", failure);
    }

    /// <summary>The core the calling thread runs on now (Linux), or -1.</summary>
    public static int CurrentCpu() => OperatingSystem.IsLinux() ? sched_getcpu() : -1;

    /// <summary>Pins the calling thread to <paramref name="cpu"/> and checks that it now runs there.</summary>
    internal static bool Pin(int cpu)
    {
        var mask = new byte[128];
        if (cpu < 0 || cpu >= mask.Length * 8)
            throw new ArgumentOutOfRangeException(nameof(cpu), cpu, $"between 0 and {mask.Length * 8 - 1}");
        mask[cpu / 8] = (byte)(1 << (cpu % 8));
        // pid 0: the calling thread.
        if (sched_setaffinity(0, mask.Length, mask) != 0)
            return false;
        Thread.Yield();
        return sched_getcpu() == cpu;
    }

    private static double Time()
    {
        var cycle = Cycle.Value;
        // A first walk brings the array's pages to this core's view of memory; the second is the one timed.
        Walk(cycle, Steps / 8);
        var clock = Stopwatch.StartNew();
        int end = Walk(cycle, Steps);
        double ms = clock.Elapsed.TotalMilliseconds;
        GC.KeepAlive(end);
        return ms;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int Walk(int[] cycle, int steps)
    {
        int at = 0;
        for (int i = 0; i < steps; i++)
            at = cycle[at];
        return at;
    }

    // One cycle through every slot in an order no prefetcher follows (a full-period linear congruence modulo the
    // power-of-two slot count: odd increment, multiplier one more than a multiple of four), so that each read waits for memory.
    private static int[] MakeCycle()
    {
        var cycle = new int[Slots];
        for (int i = 0; i < Slots; i++)
            cycle[i] = (int)((1_664_525L * i + 1_013_904_223L) & (Slots - 1));
        return cycle;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_setaffinity(int pid, nint cpusetsize, byte[] mask);

    [DllImport("libc")]
    private static extern int sched_getcpu();
}

/// <summary>
/// <see cref="CoreSpeedProbe"/>'s milliseconds on each of a run's cores (by core number) just before and just after it:
/// a core in a slow spell takes longer for the same walk.
/// </summary>
public sealed record CoreSpeeds(IReadOnlyDictionary<int, double?> BeforeMs, IReadOnlyDictionary<int, double?> AfterMs)
{
    public static IReadOnlyDictionary<int, double?> Probe(IReadOnlyList<int> cpus) => cpus.ToDictionary(c => c, CoreSpeedProbe.Milliseconds);
}
