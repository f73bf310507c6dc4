namespace MaLAM4Com.Engine.Tracing;

/// <summary>Merges lists already sorted by <see cref="TraceOrder"/> into one sink, in order.</summary>
public static class TraceMerge
{
    public static void Merge(IReadOnlyList<IReadOnlyList<TraceRecord>> sorted, ITraceSink sink)
    {
        var heads = new PriorityQueue<int, TraceRecord>(sorted.Count, TraceOrder.Instance);
        var positions = new int[sorted.Count];
        for (int i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].Count > 0)
                heads.Enqueue(i, sorted[i][0]);
        }
        while (heads.TryDequeue(out int list, out var record))
        {
            sink.Write(record);
            int next = ++positions[list];
            if (next < sorted[list].Count)
                heads.Enqueue(list, sorted[list][next]);
        }
    }
}
