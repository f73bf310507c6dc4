using System.Collections.Concurrent;

namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// Writes the clock's windows of trace records (each a set of runs sorted by <see cref="TraceOrder"/>) to a
/// sink on a thread of its own, in the order they were closed, and gives the chunks back to the pool. The
/// simulation goes on with the next windows meanwhile: formatting a round's first window at 10^6 agents
/// takes seconds, and the partitions waited for it. At most <c>backlog</c> windows wait to be written;
/// beyond that <see cref="Write"/> blocks. A failure of the sink is thrown by the next call.
/// </summary>
public sealed class TraceWindowWriter : IDisposable
{
    private readonly ITraceSink _sink;
    private readonly TraceBufferPool? _pool;
    private readonly BlockingCollection<IReadOnlyList<ArraySegment<TraceRecord>>> _windows;
    private readonly Thread _thread;
    private volatile Exception? _failure;
    private volatile bool _abandoned;

    public TraceWindowWriter(ITraceSink sink, TraceBufferPool? pool, int backlog = 4)
    {
        _sink = sink;
        _pool = pool;
        _windows = new BlockingCollection<IReadOnlyList<ArraySegment<TraceRecord>>>(backlog);
        _thread = new Thread(Loop) { IsBackground = true, Name = "trace-writer" };
        _thread.Start();
    }

    /// <summary>Queues one window; the writer owns its chunks from here on.</summary>
    public void Write(IReadOnlyList<ArraySegment<TraceRecord>> sorted)
    {
        ThrowIfFailed();
        _windows.Add(sorted);
    }

    /// <summary>Writes what is queued, then <paramref name="last"/>, and completes the sink.</summary>
    public void Complete(IReadOnlyList<TraceRecord> last)
    {
        _windows.Add([new ArraySegment<TraceRecord>(last.ToArray())]);
        _windows.CompleteAdding();
        _thread.Join();
        ThrowIfFailed();
        _sink.Complete();
    }

    /// <summary>Stops without writing what is still queued (a failed run); returns once the thread is done with the sink.</summary>
    public void Dispose()
    {
        _abandoned = true;
        if (!_windows.IsAddingCompleted)
            _windows.CompleteAdding();
        _thread.Join();
        _windows.Dispose();
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } e)
            throw new IOException($"writing the trace failed: {e.Message}", e);
    }

    private void Loop()
    {
        foreach (var window in _windows.GetConsumingEnumerable())
        {
            if (_failure is null && !_abandoned)
            {
                try
                {
                    TraceMerge.Merge(window, _sink);
                }
                catch (Exception e)
                {
                    _failure = e;
                }
            }
            _pool?.Return(window);
        }
    }
}
