namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// How many times the partitions have said they are still working on a window, counted where the run is
/// driven and read by its watchdog (<see cref="StallDetector"/>) from another thread.
/// </summary>
public sealed class AliveReports
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Heard() => Interlocked.Increment(ref _count);
}
