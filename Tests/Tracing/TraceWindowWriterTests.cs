using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Tests.Tracing;

public class TraceWindowWriterTests
{
    private sealed class ListSink(bool failOnWrite = false) : ITraceSink
    {
        public List<TraceRecord> Written { get; } = new();
        public IReadOnlyCollection<int> Threads => _threads;
        public bool Completed { get; private set; }
        private readonly HashSet<int> _threads = new();

        public void Write(in TraceRecord record)
        {
            if (failOnWrite)
                throw new IOException("disk full");
            _threads.Add(Environment.CurrentManagedThreadId);
            Written.Add(record);
        }

        public void Complete() => Completed = true;

        public void Dispose()
        {
        }
    }

    private static TraceRecord Metric(long t, int entity) => TraceRecord.Metric(t, t * 10 + entity, entity, 0, "nmse", t);

    [Fact]
    public void WritesWindowsInOrderMergedOnItsOwnThreadAndGivesTheListsBack()
    {
        var sink = new ListSink();
        var pool = new TraceBufferPool();
        using (var writer = new TraceWindowWriter(sink, pool, backlog: 1))
        {
            for (int w = 0; w < 50; w++)
            {
                var a = pool.Rent();
                var b = pool.Rent();
                a.AddRange([Metric(w * 10 + 1, 0), Metric(w * 10 + 5, 0)]);
                b.AddRange([Metric(w * 10 + 2, 1), Metric(w * 10 + 3, 1)]);
                writer.Write([a, b]);
            }
            writer.Complete([Metric(10_000, 2)]);
        }
        Assert.True(sink.Completed);
        Assert.Equal(50 * 4 + 1, sink.Written.Count);
        Assert.Equal(sink.Written.OrderBy(r => r, TraceOrder.Instance), sink.Written);
        Assert.NotEqual(Environment.CurrentManagedThreadId, Assert.Single(sink.Threads));
        // The lists came back empty, and the pool reuses them rather than making new ones.
        var again = pool.Rent();
        Assert.Empty(again);
        Assert.True(again.Capacity >= 2);
    }

    [Fact]
    public void AFailingSinkFailsTheNextCallAndIsNotCompleted()
    {
        var sink = new ListSink(failOnWrite: true);
        using var writer = new TraceWindowWriter(sink, null);
        writer.Write([[Metric(1, 0)]]);
        var e = Assert.Throws<IOException>(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                writer.Write([[Metric(2 + i, 0)]]);
                Thread.Sleep(1);
            }
            writer.Complete([]);
        });
        Assert.Contains("disk full", e.Message);
        Assert.False(sink.Completed);
    }

    [Fact]
    public void ThePoolRentsItsLargestListAndKeepsOnlyTheLargest()
    {
        var pool = new TraceBufferPool(keep: 2);
        foreach (int capacity in new[] { 10, 1000, 100 })
            pool.Return(new List<TraceRecord>(capacity) { Metric(1, 0) });
        var first = pool.Rent();
        var second = pool.Rent();
        var third = pool.Rent();
        Assert.Equal(1000, first.Capacity);
        Assert.Equal(100, second.Capacity);
        Assert.Equal(0, third.Capacity);
        Assert.Empty(first);
    }
}
