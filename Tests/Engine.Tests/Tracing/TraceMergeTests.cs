using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Tests.Tracing;

public class TraceMergeTests
{
    private sealed class ListSink : ITraceSink
    {
        public List<TraceRecord> Written { get; } = new();

        public void Write(in TraceRecord record) => Written.Add(record);

        public void Complete()
        {
        }

        public void Dispose()
        {
        }
    }

    // Few distinct times and ids, so that records tie on every key but the last.
    private static TraceRecord RandomRecord(Random random)
    {
        long t = random.Next(4);
        return random.Next(5) switch
        {
            0 => TraceRecord.Fault(t, random.Next(-1, 3), random.Next(2) == 0 ? FaultEvent.Crash : FaultEvent.Restart, "x"),
            1 => TraceRecord.Metric(t, random.Next(6), random.Next(3), 0, random.Next(2) == 0 ? "nmse" : "cost_bytes", random.NextDouble()),
            int k => TraceRecord.Message(k == 2 ? TraceKind.Send : k == 3 ? TraceKind.Deliver : TraceKind.Drop, t, random.Next(6), 0, random.Next(3), random.Next(3), "T", 1, 0),
        };
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(40)]
    public void MergedRunsComeOutInTraceOrder(int runCount)
    {
        var random = new Random(runCount);
        var runs = new List<ArraySegment<TraceRecord>>();
        for (int r = 0; r < runCount; r++)
        {
            // Some runs empty, some sitting inside a larger array.
            int offset = random.Next(3), count = random.Next(4) == 0 ? 0 : random.Next(1, 60);
            var array = new TraceRecord[offset + count + 2];
            for (int i = 0; i < count; i++)
                array[offset + i] = RandomRecord(random);
            Array.Sort(array, offset, count);
            runs.Add(new ArraySegment<TraceRecord>(array, offset, count));
        }
        var sink = new ListSink();
        TraceMerge.Merge(runs, sink);

        var expected = runs.SelectMany(r => r)
            .OrderBy(r => r.TimeUs)
            .ThenBy(r => r.Kind switch { TraceKind.Fault => 0, TraceKind.Deliver => 1, TraceKind.Send => 2, TraceKind.Drop => 3, _ => 4 })
            .ThenBy(r => r.MessageId)
            .ThenBy(r => r.From)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected.Count, sink.Written.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.Equal(0, TraceOrder.Compare(expected[i], sink.Written[i]));
    }
}
