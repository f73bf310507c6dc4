namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// One partition's trace records of the window under way, in chunks from a <see cref="TraceBufferPool"/>.
/// A full chunk is sorted by <see cref="TraceOrder"/> at once, so the window ends as a few sorted runs
/// that the writer merges with the other partitions' runs.
/// </summary>
public sealed class TraceRecordBuffer(TraceBufferPool pool)
{
    private readonly List<ArraySegment<TraceRecord>> _runs = new();
    private TraceRecord[]? _chunk;
    private int _count;

    public void Add(in TraceRecord record)
    {
        if (_chunk is null)
            _chunk = pool.Rent();
        else if (_count == _chunk.Length)
        {
            Seal();
            _chunk = pool.Rent();
        }
        _chunk[_count++] = record;
    }

    /// <summary>The window's records as sorted runs; the chunks are the taker's to give back to the pool.</summary>
    public List<ArraySegment<TraceRecord>> Take()
    {
        if (_count > 0)
            Seal();
        var runs = new List<ArraySegment<TraceRecord>>(_runs);
        _runs.Clear();
        return runs;
    }

    private void Seal()
    {
        Array.Sort(_chunk!, 0, _count);
        _runs.Add(new ArraySegment<TraceRecord>(_chunk!, 0, _count));
        _chunk = null;
        _count = 0;
    }
}
