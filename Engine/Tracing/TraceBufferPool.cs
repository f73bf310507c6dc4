namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// Record lists passed from the partitions that fill them, through the clock, to the trace writer that
/// empties them and hands them back. A round's first window at 10^6 agents holds millions of records, so
/// a list is reused rather than grown anew each window; a rent gets the largest list free, and only the
/// <c>keep</c> largest are kept. Thread-safe: lists come back on the writer's thread.
/// </summary>
public sealed class TraceBufferPool(int keep = 8)
{
    private readonly List<List<TraceRecord>> _free = new();

    public List<TraceRecord> Rent()
    {
        lock (_free)
        {
            if (_free.Count == 0)
                return new List<TraceRecord>();
            int best = 0;
            for (int i = 1; i < _free.Count; i++)
            {
                if (_free[i].Capacity > _free[best].Capacity)
                    best = i;
            }
            var list = _free[best];
            _free.RemoveAt(best);
            return list;
        }
    }

    public void Return(List<TraceRecord> list)
    {
        list.Clear();
        lock (_free)
        {
            _free.Add(list);
            if (_free.Count <= keep)
                return;
            int smallest = 0;
            for (int i = 1; i < _free.Count; i++)
            {
                if (_free[i].Capacity < _free[smallest].Capacity)
                    smallest = i;
            }
            _free.RemoveAt(smallest);
        }
    }
}
