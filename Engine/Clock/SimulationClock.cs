using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Clock;

/// <summary>
/// Simulated time, advanced in lookahead windows (as in ns-3's granted-time-window scheduler):
/// every link takes at least <c>lookahead</c>, so no event handled in [start, start + lookahead)
/// can cause another before the window's end, and the whole window may run in parallel.
/// Windows are aligned to multiples of the lookahead (still safe: a window's events lie at or after
/// its start), so that a window is exactly one slot of the <see cref="CalendarQueue"/>. The clock
/// jumps straight to the window of the earliest pending event, so idle time costs nothing. An end
/// time inside a slot cuts the last window short there.
/// </summary>
public sealed class SimulationClock
{
    private readonly long _lookaheadUs;
    private readonly List<TraceRecord> _faults;
    private int _nextFault;

    public SimulationClock(long lookaheadUs, long endTimeUs, IReadOnlyList<TraceRecord> faultTimeline)
    {
        if (lookaheadUs < 1)
            throw new ArgumentOutOfRangeException(nameof(lookaheadUs), lookaheadUs, "the lookahead (the smallest link delay) must be at least 1 us");
        if (endTimeUs < 0)
            throw new ArgumentOutOfRangeException(nameof(endTimeUs), endTimeUs, "the end time must not be negative");
        _lookaheadUs = lookaheadUs;
        EndTimeUs = endTimeUs;
        _faults = faultTimeline.ToList();
    }

    public long EndTimeUs { get; }

    /// <summary>Number of the current window, from 0; -1 before the first.</summary>
    public long Window { get; private set; } = -1;

    public long WindowStartUs { get; private set; }

    public long WindowEndUs { get; private set; }

    /// <summary>
    /// Opens the window holding the earliest pending event. Returns false when nothing is pending
    /// before the end time: the run is over.
    /// </summary>
    public bool TryAdvance(long earliestPendingUs)
    {
        // After a last window cut short at the end time, its slot's later events remain: they lie at or after the end.
        if (earliestPendingUs >= EndTimeUs || (Window >= 0 && WindowEndUs >= EndTimeUs))
            return false;
        if (earliestPendingUs < WindowEndUs)
            throw new InvalidOperationException($"an event at {earliestPendingUs}us is pending before the end of the last window ({WindowEndUs}us)");
        Window++;
        WindowStartUs = earliestPendingUs - earliestPendingUs % _lookaheadUs;
        WindowEndUs = Math.Min(WindowStartUs + _lookaheadUs, EndTimeUs);
        return true;
    }

    /// <summary>Adds a record to the fault timeline (an outage the run met), in order; it must not lie before the current window's end.</summary>
    public void AddFault(TraceRecord record)
    {
        if (record.TimeUs < WindowEndUs)
            throw new ArgumentOutOfRangeException(nameof(record), record.TimeUs, $"a fault record before the current window's end ({WindowEndUs}us)");
        int i = _nextFault;
        while (i < _faults.Count && _faults[i].CompareTo(record) <= 0)
            i++;
        _faults.Insert(i, record);
    }

    /// <summary>Fault-timeline records due before <paramref name="beforeUs"/> that were not taken yet.</summary>
    public IReadOnlyList<TraceRecord> TakeFaults(long beforeUs)
    {
        int start = _nextFault;
        while (_nextFault < _faults.Count && _faults[_nextFault].TimeUs < beforeUs)
            _nextFault++;
        return start == _nextFault ? [] : _faults.Skip(start).Take(_nextFault - start).ToList();
    }
}
