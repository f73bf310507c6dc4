namespace MaLAM4Com.Cli.Scenarios;

/// <summary>
/// The wall time each configured round took, from the kernel's own progress: a round ends when the clock's
/// window passes its end, not when its trace records reach a reader (the trace is formatted on a thread of its
/// own and lags the windows by up to its backlog). Rounds beyond the configured count are not timed. Wall time
/// is measured here only to report it; nothing in the simulation reads it.
/// </summary>
public sealed class RoundTimer(long roundPeriodUs, int rounds)
{
    private readonly List<double> _ends = new(rounds);

    /// <summary>Wall seconds (on the caller's stopwatch) at which each round ended, in round order.</summary>
    public IReadOnlyList<double> Ends => _ends;

    /// <summary>Notes that the clock reached <paramref name="simulatedUs"/> at <paramref name="wallSeconds"/>; returns how many rounds that ended.</summary>
    public int Observe(long simulatedUs, double wallSeconds)
    {
        int before = _ends.Count;
        while (_ends.Count < rounds && simulatedUs >= (_ends.Count + 1) * roundPeriodUs)
            _ends.Add(wallSeconds);
        return _ends.Count - before;
    }

    /// <summary>
    /// Wall seconds left at <paramref name="nowSeconds"/>: the rounds not yet ended at the mean pace of those that
    /// have, after the first once there are two (the first carries one-time work, such as distilling the anchors), and
    /// of the first, counted from <paramref name="startSeconds"/> (when the rounds began), before that; null before a
    /// round has ended.
    /// </summary>
    public double? Eta(double startSeconds, double nowSeconds)
    {
        if (_ends.Count == 0 || double.IsNaN(startSeconds))
            return null;
        double perRound = _ends.Count == 1 ? _ends[0] - startSeconds : (_ends[^1] - _ends[0]) / (_ends.Count - 1);
        return Math.Max(0, (rounds - _ends.Count) * perRound - (nowSeconds - _ends[^1]));
    }

    /// <summary>Each ended round's wall seconds, the first counted from <paramref name="startSeconds"/>.</summary>
    public IReadOnlyList<double> Durations(double startSeconds) =>
        _ends.Select((t, i) => t - (i == 0 ? startSeconds : _ends[i - 1])).ToList();
}
