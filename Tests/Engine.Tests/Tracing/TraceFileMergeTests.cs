using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Tests.Tracing;

public sealed class TraceFileMergeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-merge-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void LinesAreMergedInTraceOrderAndATornLastLineIsLeftOut()
    {
        const string fault = """{"t":1,"ev":"fault","entity":null,"name":"member-lost","detail":"x"}""";
        const string deliver = """{"t":1,"ev":"deliver","id":3,"parent":null,"from":"b","to":"a","type":"Note","bytes":1}""";
        const string send = """{"t":1,"ev":"send","id":5,"parent":null,"from":"a","to":"b","type":"Note","bytes":1}""";
        const string metricA = """{"t":2,"ev":"metric","entity":"a","round":0,"name":"q","value":1}""";
        const string metricB = """{"t":2,"ev":"metric","entity":"b","round":0,"name":"q","value":1}""";
        var partitionA = Write("p0.jsonl", $"{send}\n{metricB}\n");
        // Left by a member that went down in the middle of a line.
        var partitionB = Write("p1.jsonl.partial", $"{deliver}\n{metricA}\n{{\"t\":3,\"ev\":\"se");
        var clock = Write("clock.jsonl", $"{fault}\n");
        var merged = Path.Combine(_dir, "trace.jsonl");

        long lines = TraceFileMerge.Merge([partitionA, partitionB, clock], ["a", "b"], merged);

        Assert.Equal(5, lines);
        Assert.Equal([fault, deliver, send, metricA, metricB], File.ReadAllLines(merged));
        Assert.EndsWith("\n", File.ReadAllText(merged));
    }

    [Fact]
    public void AMetricOfAnUnknownEntityIsAnError()
    {
        var file = Write("p.jsonl", """{"t":2,"ev":"metric","entity":"zz","round":0,"name":"q","value":1}""" + "\n");
        var e = Assert.Throws<TraceFormatException>(() => TraceFileMerge.Merge([file], ["a"], Path.Combine(_dir, "out.jsonl")));
        Assert.Contains("unknown entity", e.Message);
    }
}
