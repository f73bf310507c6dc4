using MaLAM4Com.Cli.Tracing;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Tests.Tracing;

public sealed class TraceFilterTests : IDisposable
{
    private readonly SampleTrace _trace = new();

    public void Dispose() => _trace.Dispose();

    private List<TraceEntry> Run(TraceFilter filter) => filter.Apply(TraceReader.Read(_trace.Path)).ToList();

    [Fact]
    public void FindsTheDroppedEmbeddingOfAnAbbreviatedAgent()
    {
        var hit = Assert.Single(Run(new TraceFilter(Entity: "a-1", Type: "Embedding", FromUs: 0, ToUs: 10_000, Outcome: TraceKind.Drop)));
        Assert.Equal((_trace.IdOf("Embedding", "agent-1", "edge-0", 0), "agent-1", "edge-0", "loss-iid", 5_100L),
            (hit.Id, hit.From, hit.To, hit.Reason, hit.TimeUs));
    }

    [Fact]
    public void MatchesAnEntityAsSenderReceiverOrMetricEntity()
    {
        var records = Run(new TraceFilter(Entity: "agent-0"));
        Assert.Equal(10, records.Count);
        Assert.All(records, e => Assert.True(e.From == "agent-0" || e.To == "agent-0" || e.Entity == "agent-0"));
        Assert.Equal(2, records.Count(e => e.Kind == TraceKind.Metric));
        Assert.Empty(Run(new TraceFilter(Entity: "agent-00")));
    }

    [Fact]
    public void KeepsAnInclusiveTimeWindow()
    {
        var records = Run(new TraceFilter(FromUs: 1_000_000, ToUs: 1_001_000));
        Assert.Equal(4, records.Count);
        Assert.Equal([1_000_000, 1_000_000, 1_001_000, 1_001_000], records.Select(e => e.TimeUs));
    }

    [Fact]
    public void SelectsByTypeAndOutcome()
    {
        Assert.Equal(8, Run(new TraceFilter(Type: "Aggregate")).Count);
        Assert.Equal([-10.0, -15.0], Run(new TraceFilter(Type: "nmse")).Select(e => Math.Round(10 * Math.Log10(e.Value), 9)));
        Assert.Equal(["link-down", "partition-start"], Run(new TraceFilter(Outcome: TraceKind.Fault)).Select(e => e.Name));
        Assert.Equal(22, Run(new TraceFilter(Outcome: TraceKind.Deliver)).Count);
    }

    [Theory]
    [InlineData("agent-17", "a-17", true)]
    [InlineData("agent-17", "agent-17", true)]
    [InlineData("agent-17", "a-1", false)]
    [InlineData("agent-1", "a-17", false)]
    [InlineData("edge-17", "a-17", false)]
    [InlineData("cloud", "cloud", true)]
    [InlineData("cloud-0", "cloud", false)]
    public void EntityPatternsMatchWholeIndicesAndLayerPrefixes(string name, string pattern, bool matches) =>
        Assert.Equal(matches, EntityName.Matches(name, pattern));

    [Theory]
    [InlineData("dropped", TraceKind.Drop)]
    [InlineData("drop", TraceKind.Drop)]
    [InlineData("delivered", TraceKind.Deliver)]
    [InlineData("sent", TraceKind.Send)]
    [InlineData("metric", TraceKind.Metric)]
    public void ParsesOutcomes(string text, TraceKind expected)
    {
        Assert.True(TraceFilter.TryParseOutcome(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData("10s", 10_000_000)]
    [InlineData("1.5s", 1_500_000)]
    [InlineData("250ms", 250_000)]
    [InlineData("1500us", 1_500)]
    [InlineData("7µs", 7)]
    [InlineData("42", 42)]
    public void ParsesTimesWithUnits(string text, long expected)
    {
        Assert.True(SimTimeText.TryParseMicroseconds(text, out long us));
        Assert.Equal(expected, us);
    }

    [Theory]
    [InlineData("ten seconds")]
    [InlineData("s")]
    [InlineData("")]
    public void RejectsTimesThatAreNotNumbers(string text) => Assert.False(SimTimeText.TryParseMicroseconds(text, out _));

    [Fact]
    public void TableHasAHeaderAndOneRowPerRecord()
    {
        var output = new StringWriter();
        var table = new TraceTableWriter(output);
        foreach (var e in Run(new TraceFilter(Entity: "agent-3", FromUs: 1_000_000)))
            table.Write(e);
        var lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.StartsWith("time ev id parent from to type bytes round info", string.Join(' ', lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(6, lines.Length);
        Assert.Contains(lines, l => l.Contains("drop") && l.Contains("Embedding") && l.TrimEnd().EndsWith("loss-burst"));
        Assert.Contains(lines, l => l.Contains("metric") && l.Contains("queue_bytes") && l.TrimEnd().EndsWith("601"));
    }
}
