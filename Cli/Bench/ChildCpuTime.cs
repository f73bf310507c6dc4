using System.Runtime.InteropServices;

namespace MaLAM4Com.Cli.Bench;

/// <summary>
/// The CPU time this process's ended children have used (Linux's <c>getrusage(RUSAGE_CHILDREN)</c>), so that the
/// difference across a benchmark run is what its processes used, members killed at the end included: the same work
/// taking more CPU time in one run than in another is the machine, not the program.
/// </summary>
public readonly record struct ChildCpuTime(double UserSeconds, double SystemSeconds)
{
    private const int Children = -1;

    /// <summary>What the ended children have used so far; null where it cannot be read (not Linux).</summary>
    public static ChildCpuTime? Now()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        // struct rusage: ru_utime and ru_stime (seconds and microseconds each), then fourteen counters.
        var usage = new long[18];
        if (getrusage(Children, usage) != 0)
            return null;
        return new ChildCpuTime(usage[0] + usage[1] * 1e-6, usage[2] + usage[3] * 1e-6);
    }

    public static ChildCpuTime operator -(ChildCpuTime after, ChildCpuTime before) =>
        new(after.UserSeconds - before.UserSeconds, after.SystemSeconds - before.SystemSeconds);

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, long[] usage);
}
