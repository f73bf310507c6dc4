namespace MaLAM4Com.Engine.Tracing;

/// <summary>Merges runs already sorted by <see cref="TraceOrder"/> into one sink, in order.</summary>
public static class TraceMerge
{
    public static void Merge(IReadOnlyList<ArraySegment<TraceRecord>> sorted, ITraceSink sink)
    {
        var runs = sorted.Where(r => r.Count > 0).ToArray();
        // Each run's next record, and the runs as a binary heap by that record (a heap of indices: records are large).
        var next = runs.Select(r => r.Offset).ToArray();
        var heap = Enumerable.Range(0, runs.Length).ToArray();
        int live = heap.Length;
        for (int i = live / 2 - 1; i >= 0; i--)
            SiftDown(heap, i, live, runs, next);
        while (live > 1)
        {
            int top = heap[0];
            sink.Write(Head(top, runs, next));
            if (++next[top] == runs[top].Offset + runs[top].Count)
                heap[0] = heap[--live];
            SiftDown(heap, 0, live, runs, next);
        }
        if (live == 1)
        {
            var last = runs[heap[0]];
            for (int i = next[heap[0]], end = last.Offset + last.Count; i < end; i++)
                sink.Write(last.Array![i]);
        }
    }

    private static void SiftDown(int[] heap, int at, int count, ArraySegment<TraceRecord>[] runs, int[] next)
    {
        int moving = heap[at];
        ref readonly var record = ref Head(moving, runs, next);
        while (true)
        {
            int child = 2 * at + 1;
            if (child >= count)
                break;
            if (child + 1 < count && Head(heap[child + 1], runs, next) < Head(heap[child], runs, next))
                child++;
            if (record <= Head(heap[child], runs, next))
                break;
            heap[at] = heap[child];
            at = child;
        }
        heap[at] = moving;
    }

    private static ref readonly TraceRecord Head(int run, ArraySegment<TraceRecord>[] runs, int[] next) => ref runs[run].Array![next[run]];
}
