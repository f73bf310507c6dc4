using System.Text.Json;
using MaLAM4Com.Cli.Tracing;

namespace MaLAM4Com.Tests.Tracing;

public sealed class ChromeTraceExporterTests : IDisposable
{
    private readonly SampleTrace _trace = new();
    private readonly List<JsonElement> _events;
    private readonly long _written;
    private readonly JsonDocument _doc;

    public ChromeTraceExporterTests()
    {
        var output = Path.Combine(_trace.Directory, "chrome.json");
        _written = ChromeTraceExporter.Export(_trace.Path, output);
        _doc = JsonDocument.Parse(File.ReadAllBytes(output));
        _events = _doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
    }

    public void Dispose()
    {
        _doc.Dispose();
        _trace.Dispose();
    }

    private IEnumerable<JsonElement> Phase(string ph) => _events.Where(e => e.GetProperty("ph").GetString() == ph);

    [Fact]
    public void WritesTheExpectedNumberOfEventsOfEachPhase()
    {
        // 3 process names (layers) + 7 thread names; slice + flow per send and per delivery; one event per drop, metric, fault.
        Assert.Equal(10, Phase("M").Count());
        Assert.Equal(24 + 22, Phase("X").Count());
        Assert.Equal(24, Phase("s").Count());
        Assert.Equal(22, Phase("f").Count());
        Assert.Equal(2 + 2, Phase("i").Count());
        Assert.Equal(10, Phase("C").Count());
        Assert.Equal(10 + 46 + 24 + 22 + 4 + 10, _events.Count);
        Assert.Equal(_events.Count, _written);
    }

    [Fact]
    public void NamesAProcessPerLayerAndAThreadPerEntity()
    {
        var processes = Phase("M").Where(e => e.GetProperty("name").GetString() == "process_name")
            .ToDictionary(e => e.GetProperty("args").GetProperty("name").GetString()!, e => e.GetProperty("pid").GetInt32());
        Assert.Equal(["agent", "cloud", "edge"], processes.Keys.Order());
        var threads = Phase("M").Where(e => e.GetProperty("name").GetString() == "thread_name").ToList();
        Assert.Equal(SampleTrace.Names.Order(), threads.Select(t => t.GetProperty("args").GetProperty("name").GetString()!).Order());
        var agent3 = threads.Single(t => t.GetProperty("args").GetProperty("name").GetString() == "agent-3");
        Assert.Equal(processes["agent"], agent3.GetProperty("pid").GetInt32());
        Assert.Equal(threads.Count, threads.Select(t => t.GetProperty("tid").GetInt32()).Distinct().Count());
    }

    [Fact]
    public void EveryFlowEndHasAStartWithTheSameId()
    {
        var starts = Phase("s").Select(e => e.GetProperty("id").GetString()).ToHashSet();
        Assert.All(Phase("f"), f =>
        {
            Assert.Contains(f.GetProperty("id").GetString(), starts);
            Assert.Equal("e", f.GetProperty("bp").GetString());
        });
    }

    [Fact]
    public void DropsAndFaultsAreInstantsAndMetricsCounters()
    {
        var drop = Phase("i").First(e => e.GetProperty("name").GetString()!.StartsWith("drop"));
        Assert.Equal("loss-iid", drop.GetProperty("args").GetProperty("reason").GetString());
        Assert.Equal(5_100, drop.GetProperty("ts").GetInt64());
        var partition = Phase("i").Single(e => e.GetProperty("name").GetString() == "partition-start");
        Assert.Equal("g", partition.GetProperty("s").GetString());
        var nmse = Phase("C").Where(e => e.GetProperty("name").GetString() == "nmse").ToList();
        Assert.Equal([0.1, 0.0316228], nmse.Select(e => Math.Round(e.GetProperty("args").GetProperty("cloud").GetDouble(), 7)));
    }
}
