using MaLAM4Com.Engine.Entities;

namespace MaLAM4Com.Engine.Clock;

/// <summary>
/// Pending events in slots of one lookahead each (a calendar queue). Windows are aligned to slots,
/// so a window takes one slot whole: inserting is O(1) and no event is moved until its window.
/// Only the slot numbers sit in a heap, one entry per non-empty slot.
/// </summary>
public sealed class CalendarQueue
{
    private readonly long _slotUs;
    private readonly Dictionary<long, List<SimEvent>> _slots = new();
    private readonly PriorityQueue<long, long> _order = new();
    private readonly Stack<List<SimEvent>> _spare = new();
    private long _lastSlot = -1;
    private List<SimEvent>? _lastList;

    public CalendarQueue(long slotUs)
    {
        if (slotUs < 1)
            throw new ArgumentOutOfRangeException(nameof(slotUs), slotUs, "a slot must be at least 1 us long");
        _slotUs = slotUs;
    }

    public int Count { get; private set; }

    public void Add(in SimEvent e)
    {
        long slot = e.TimeUs / _slotUs;
        // Consecutive events mostly fall in the same slot: skip the dictionary then.
        if (slot != _lastSlot || _lastList is null)
        {
            if (!_slots.TryGetValue(slot, out var found))
            {
                found = _spare.Count > 0 ? _spare.Pop() : new List<SimEvent>();
                _slots.Add(slot, found);
                _order.Enqueue(slot, slot);
            }
            _lastSlot = slot;
            _lastList = found;
        }
        _lastList.Add(e);
        Count++;
    }

    /// <summary>The start of the earliest non-empty slot (a lower bound of the earliest event), or long.MaxValue.</summary>
    public long EarliestSlotStartUs => _order.TryPeek(out long slot, out _) ? slot * _slotUs : long.MaxValue;

    /// <summary>
    /// Removes the events of the slot starting at <paramref name="slotStartUs"/> that lie before
    /// <paramref name="endUs"/> (the whole slot unless the run ends inside it), in no particular
    /// order. Give the list back with <see cref="Recycle"/> when done.
    /// </summary>
    public List<SimEvent> Take(long slotStartUs, long endUs)
    {
        long slot = slotStartUs / _slotUs;
        var taken = _spare.Count > 0 ? _spare.Pop() : new List<SimEvent>();
        if (!_slots.TryGetValue(slot, out var list))
            return taken;
        if (slot == _lastSlot)
            _lastList = null;
        if (endUs >= (slot + 1) * _slotUs)
        {
            _slots.Remove(slot);
            _order.Dequeue();
            Count -= list.Count;
            _spare.Push(taken);
            return list;
        }
        // By index: the kept events move down in place, which a foreach over the list would refuse.
        int kept = 0;
        for (int i = 0; i < list.Count; i++)
        {
            var e = list[i];
            if (e.TimeUs < endUs)
                taken.Add(e);
            else
                list[kept++] = e;
        }
        list.RemoveRange(kept, list.Count - kept);
        Count -= taken.Count;
        return taken;
    }

    public void Recycle(List<SimEvent> list)
    {
        list.Clear();
        _spare.Push(list);
    }
}
