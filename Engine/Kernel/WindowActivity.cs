namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// Which window a partition is working on, readable from another thread. The partition's actor runs on the
/// pool, which a large window floods for longer than the clock's stall timeout; its member's host reads this
/// on a thread of its own and tells the driver the partition is alive (see <see cref="StallDetector"/>).
/// </summary>
public sealed class WindowActivity
{
    private long _window = -1;
    private int _working;

    /// <summary>The window the partition is working on; null while it waits (for its peers' exchanges, for the clock).</summary>
    public long? Working => Volatile.Read(ref _working) == 1 ? Volatile.Read(ref _window) : null;

    public void Begin(long window)
    {
        Volatile.Write(ref _window, window);
        Volatile.Write(ref _working, 1);
    }

    public void End() => Volatile.Write(ref _working, 0);
}
