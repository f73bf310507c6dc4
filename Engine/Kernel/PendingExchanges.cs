using MaLAM4Com.Engine.Entities;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// Events other partitions sent in a window, held by the receiving partition until the clock opens a
/// later window: only then has every partition finished the window that sent them. Events exchanged
/// in a window are due at or after its end, so holding them changes nothing, except that what a peer
/// lost with its member sent in a window that never completed can be withdrawn (its records of that
/// window are void too) instead of being delivered without its send in the trace.
/// </summary>
public sealed class PendingExchanges
{
    private readonly List<(long Window, int From, List<SimEvent> Events, long EarliestUs)> _pending = new();

    public int Count => _pending.Sum(p => p.Events.Count);

    public void Add(long window, int from, List<SimEvent> events)
    {
        if (events.Count == 0)
            return;
        long earliest = long.MaxValue;
        foreach (var e in events)
            earliest = Math.Min(earliest, e.TimeUs);
        _pending.Add((window, from, events, earliest));
    }

    /// <summary>The earliest time of a held event, or long.MaxValue.</summary>
    public long EarliestUs
    {
        get
        {
            long earliest = long.MaxValue;
            foreach (var p in _pending)
                earliest = Math.Min(earliest, p.EarliestUs);
            return earliest;
        }
    }

    /// <summary>Removes and returns the events sent in windows before <paramref name="window"/>, in the order they came.</summary>
    public List<SimEvent> TakeBefore(long window)
    {
        var taken = new List<SimEvent>();
        _pending.RemoveAll(p =>
        {
            if (p.Window >= window)
                return false;
            taken.AddRange(p.Events);
            return true;
        });
        return taken;
    }

    /// <summary>Forgets what peer <paramref name="from"/> sent in window <paramref name="fromWindow"/> and later; returns how many events.</summary>
    public int Withdraw(int from, long fromWindow)
    {
        int withdrawn = 0;
        _pending.RemoveAll(p =>
        {
            if (p.From != from || p.Window < fromWindow)
                return false;
            withdrawn += p.Events.Count;
            return true;
        });
        return withdrawn;
    }
}
