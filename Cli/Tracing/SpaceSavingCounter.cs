namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// Heavy hitters in bounded memory (Metwally et al.'s Space-Saving): at most <c>capacity</c> keys
/// are counted. Counts are exact while there are no more distinct keys than that; beyond it, a new
/// key takes over the smallest counter and inherits its count as an overestimate (<see cref="Item.Error"/>),
/// so any key counted more than total/capacity times is guaranteed to be kept.
/// A min-heap over the counters makes each update O(log capacity).
/// </summary>
public sealed class SpaceSavingCounter<TKey>(int capacity) where TKey : notnull, IComparable<TKey>
{
    public readonly record struct Item(TKey Key, long Count, long Error);

    private readonly List<Item> _heap = new(capacity);
    private readonly Dictionary<TKey, int> _slot = new(capacity);

    public long Total { get; private set; }

    /// <summary>True once some key was evicted, so counts may be overestimates.</summary>
    public bool IsApproximate { get; private set; }

    public int Capacity => capacity;

    public void Add(TKey key, long count = 1)
    {
        Total += count;
        if (_slot.TryGetValue(key, out int i))
        {
            _heap[i] = _heap[i] with { Count = _heap[i].Count + count };
            SiftDown(i);
        }
        else if (_heap.Count < capacity)
        {
            _heap.Add(new Item(key, count, 0));
            _slot[key] = _heap.Count - 1;
            SiftUp(_heap.Count - 1);
        }
        else
        {
            var min = _heap[0];
            _slot.Remove(min.Key);
            _heap[0] = new Item(key, min.Count + count, min.Count);
            _slot[key] = 0;
            SiftDown(0);
            IsApproximate = true;
        }
    }

    /// <summary>The <paramref name="n"/> largest counts, largest first, ties in key order.</summary>
    public IReadOnlyList<Item> Top(int n) => _heap.OrderByDescending(x => x.Count).ThenBy(x => x.Key).Take(n).ToList();

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (_heap[parent].Count <= _heap[i].Count)
                return;
            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int smallest = i, left = 2 * i + 1, right = left + 1;
            if (left < _heap.Count && _heap[left].Count < _heap[smallest].Count)
                smallest = left;
            if (right < _heap.Count && _heap[right].Count < _heap[smallest].Count)
                smallest = right;
            if (smallest == i)
                return;
            Swap(i, smallest);
            i = smallest;
        }
    }

    private void Swap(int a, int b)
    {
        (_heap[a], _heap[b]) = (_heap[b], _heap[a]);
        _slot[_heap[a].Key] = a;
        _slot[_heap[b].Key] = b;
    }
}
