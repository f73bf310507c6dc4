namespace MaLAM4Com.Engine.Tracing;

/// <summary>Merges runs already sorted by <see cref="TraceOrder"/> into one sink, in order.</summary>
public static class TraceMerge
{
    public static void Merge(IReadOnlyList<ArraySegment<TraceRecord>> sorted, ITraceSink sink)
    {
        var heads = new PriorityQueue<int, TraceRecord>(sorted.Count, TraceOrder.Instance);
        var positions = new int[sorted.Count];
        for (int i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].Count > 0)
                heads.Enqueue(i, sorted[i][0]);
        }
        while (heads.TryPeek(out int run, out var record))
        {
            sink.Write(record);
            int next = ++positions[run];
            if (next < sorted[run].Count)
                heads.DequeueEnqueue(run, sorted[run][next]);
            else
                heads.Dequeue();
        }
    }
}
