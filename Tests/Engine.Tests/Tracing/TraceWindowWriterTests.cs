using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Tests.Tracing;

public class TraceWindowWriterTests
{
    private sealed class ListSink(bool failOnWrite = false) : ITraceSink
    {
        private readonly HashSet<int> _threads = new();

        public List<TraceRecord> Written { get; } = new();

        public IReadOnlyCollection<int> Threads => _threads;

        public bool Completed { get; private set; }

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
    public void WritesWindowsInOrderMergedOnItsOwnThreadAndGivesTheChunksBack()
    {
        var sink = new ListSink();
        var pool = new TraceBufferPool();
        var chunks = new HashSet<TraceRecord[]>(ReferenceEqualityComparer.Instance);
        using (var writer = new TraceWindowWriter(sink, pool, backlog: 1))
        {
            for (int w = 0; w < 50; w++)
            {
                var a = new TraceRecordBuffer(pool);
                var b = new TraceRecordBuffer(pool);
                foreach (long t in new[] { 5, 1, 9 })
                    a.Add(Metric(w * 10 + t, 0));
                foreach (long t in new[] { 2, 3 })
                    b.Add(Metric(w * 10 + t, 1));
                var runs = a.Take().Concat(b.Take()).ToList();
                foreach (var run in runs)
                    chunks.Add(run.Array!);
                writer.Write(runs);
            }
            writer.Complete([Metric(10_000, 2)]);
        }
        Assert.True(sink.Completed);
        Assert.Equal(50 * 5 + 1, sink.Written.Count);
        Assert.Equal(sink.Written.Order(), sink.Written);
        Assert.NotEqual(Environment.CurrentManagedThreadId, Assert.Single(sink.Threads));
        // Chunks came back cleared and were used again: far fewer than two per window were ever made.
        Assert.True(chunks.Count <= 8, $"{chunks.Count} chunks for 50 windows");
        var again = pool.Rent();
        Assert.Contains(again, chunks);
        Assert.All(again, r => Assert.Null(r.Name));
    }

    [Fact]
    public void ABufferSortsEachFullChunkIntoARun()
    {
        var pool = new TraceBufferPool();
        var buffer = new TraceRecordBuffer(pool);
        int n = TraceBufferPool.ChunkRecords + 10;
        for (int i = n; i > 0; i--)
            buffer.Add(Metric(i, 0));
        var runs = buffer.Take();
        Assert.Equal([TraceBufferPool.ChunkRecords, 10], runs.Select(r => r.Count));
        Assert.All(runs, run => Assert.Equal(run.Order(), run));
        Assert.Empty(buffer.Take());
    }

    [Fact]
    public void AFailingSinkFailsTheNextCallAndIsNotCompleted()
    {
        var sink = new ListSink(failOnWrite: true);
        using var writer = new TraceWindowWriter(sink, null);
        var e = Assert.Throws<IOException>(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                writer.Write([new ArraySegment<TraceRecord>([Metric(1 + i, 0)])]);
                Thread.Sleep(1);
            }
            writer.Complete([]);
        });
        Assert.Contains("disk full", e.Message);
        Assert.False(sink.Completed);
    }
}
