namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// Fixed-size chunks of trace records, passed from the partitions that fill them (see
/// <see cref="TraceRecordBuffer"/>), through the clock, to the trace writer that empties them and gives
/// them back. A round's first window at 10^6 agents holds about ten million records: in chunks they are
/// reused from window to window, with no list doubling its capacity and no large-object garbage, and the
/// pool never holds more than was in use at once. Thread-safe: chunks come back on the writer's thread.
/// </summary>
public sealed class TraceBufferPool
{
    public const int ChunkRecords = 1 << 18;

    private readonly Stack<TraceRecord[]> _free = new();

    public TraceRecord[] Rent()
    {
        lock (_free)
        {
            if (_free.Count > 0)
                return _free.Pop();
        }
        return new TraceRecord[ChunkRecords];
    }

    /// <summary>Takes back the chunks under <paramref name="runs"/> once their records are written.</summary>
    public void Return(IEnumerable<ArraySegment<TraceRecord>> runs)
    {
        foreach (var run in runs)
            Return(run);
    }

    /// <summary>Takes back the chunk under <paramref name="used"/> (other arrays are left alone).</summary>
    public void Return(ArraySegment<TraceRecord> used)
    {
        if (used.Array is not { Length: ChunkRecords } chunk)
            return;
        // Cleared so that the strings it refers to can go.
        Array.Clear(chunk, 0, used.Offset + used.Count);
        lock (_free)
            _free.Push(chunk);
    }
}
