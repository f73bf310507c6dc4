using MaLAM4Com.Cli.Tracing;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Tests.Tracing;

public sealed class TraceSummaryTests : IDisposable
{
    private readonly SampleTrace _trace = new();
    private readonly TraceSummary _summary;

    public TraceSummaryTests() => _summary = TraceSummary.Of(TraceReader.Read(_trace.Path));

    public void Dispose() => _trace.Dispose();

    [Fact]
    public void CountsRecordsByOutcome()
    {
        Assert.Equal(_trace.Records.Count, _summary.Records);
        Assert.Equal(
            new Dictionary<TraceKind, long> { [TraceKind.Send] = 24, [TraceKind.Deliver] = 22, [TraceKind.Drop] = 2, [TraceKind.Metric] = 10, [TraceKind.Fault] = 2 },
            _summary.ByOutcome);
        Assert.Equal(0, _summary.FirstTimeUs);
        Assert.Equal(1_600_000, _summary.LastTimeUs);
    }

    [Fact]
    public void CountsMessagesByTypeAndDropsByReason()
    {
        Assert.Equal(["Aggregate", "Embedding", "Model"], _summary.MessagesByType.Keys);
        Assert.Equal((4L, 4L, 0L), Tuple(_summary.MessagesByType["Aggregate"]));
        Assert.Equal((8L, 6L, 2L), Tuple(_summary.MessagesByType["Embedding"]));
        Assert.Equal((12L, 12L, 0L), Tuple(_summary.MessagesByType["Model"]));
        Assert.Equal(new Dictionary<string, long> { ["loss-burst"] = 1, ["loss-iid"] = 1 }, _summary.DropsByReason);
    }

    [Fact]
    public void TotalsBytesBySenderLayerAndRound()
    {
        Assert.Equal((16_384L, 16_384L, 0L), Tuple(_summary.BytesByLayer["cloud"]));
        Assert.Equal((40_960L, 40_960L, 0L), Tuple(_summary.BytesByLayer["edge"]));
        Assert.Equal((8_192L, 6_144L, 2_048L), Tuple(_summary.BytesByLayer["agent"]));
        Assert.Equal([0, 1], _summary.BytesByRound.Keys);
        Assert.Equal((32_768L, 31_744L, 1_024L), Tuple(_summary.BytesByRound[0]));
        Assert.Equal((32_768L, 31_744L, 1_024L), Tuple(_summary.BytesByRound[1]));
    }

    [Fact]
    public void ListsLinksByDrops()
    {
        Assert.Equal(
            [(("agent-1", "edge-0"), 1L), (("agent-3", "edge-1"), 1L)],
            _summary.DropsByLink.Top(10).Select(i => ((i.Key.From, i.Key.To), i.Count)));
        Assert.False(_summary.DropsByLink.IsApproximate);
    }

    [Fact]
    public void WritesReadableTables()
    {
        var text = new StringWriter();
        _summary.WriteText(text);
        var lines = text.ToString().Split(Environment.NewLine).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Contains("Records: 60 (t from 0.000000s to 1.600000s)", lines);
        Assert.Contains("Embedding 8 6 2", lines);
        Assert.Contains("loss-iid 1", lines);
        Assert.Contains("agent 8,192 6,144 2,048", lines);
        Assert.Contains("0 32,768 31,744 1,024", lines);
        Assert.Contains("agent-1 -> edge-0 1", lines);
    }

    private static (long, long, long) Tuple(MessageTally t) => (t.Sent, t.Delivered, t.Dropped);
}
