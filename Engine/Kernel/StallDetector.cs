namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// Decides when a run has stopped moving: neither a report reached its clock nor a partition said it is
/// still working on a window for the stall timeout. The clock counts only the reports that end a window,
/// and setting up one window of a large partition on a loaded core can take longer than the timeout; a
/// partition lost with its member says nothing, so its loss is still caught. Time is given, not read,
/// so that the rule is tested without waiting.
/// </summary>
public sealed class StallDetector
{
    private readonly TimeSpan _timeout;
    private long _progress = -1;
    private long _alive;
    private TimeSpan _moved;

    public StallDetector(TimeSpan timeout, TimeSpan now)
    {
        if (timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "the stall timeout must be positive");
        _timeout = timeout;
        _moved = now;
    }

    /// <summary>
    /// Takes what the clock said at <paramref name="now"/> (null: it was too busy or gone to answer) and how
    /// many alive reports the partitions have sent so far; true when nothing moved for the timeout.
    /// </summary>
    public bool Stalled(TimeSpan now, KernelMessages.Status? status, long alive)
    {
        // Re-creating lost partitions has its own deadline (the placement's).
        if (status is { } s && (s.Progress != _progress || s.Recovering))
        {
            _progress = s.Progress;
            _moved = now;
        }
        if (alive != _alive)
        {
            _alive = alive;
            _moved = now;
        }
        return now - _moved >= _timeout;
    }
}
