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

    [Fact]
    public void FilesOfManyBlocksMergeInTraceOrder()
    {
        // Sends of six entities, several at each instant, with types of every length so that lines straddle the reader's blocks;
        // each file holds two entities' sends in trace order, as a partition's file does.
        var rng = new Random(11);
        var sends = Enumerable.Range(0, 6000).Select(i =>
        {
            int entity = rng.Next(6);
            long id = ((long)(entity + 1) << 32) + i;
            long t = i / 4;
            var line = $"{{\"t\":{t},\"ev\":\"send\",\"id\":{id},\"parent\":null,\"from\":\"e{entity}\",\"to\":\"e0\",\"type\":\"{new string('x', rng.Next(1, 400))}\",\"bytes\":1}}";
            return (Entity: entity, T: t, Id: id, Line: line);
        }).ToList();
        var inputs = Enumerable.Range(0, 3)
            .Select(f => Write($"p{f}.jsonl", string.Concat(sends.Where(s => s.Entity % 3 == f).OrderBy(s => s.T).ThenBy(s => s.Id).Select(s => s.Line + "\n"))))
            .ToList();
        var merged = Path.Combine(_dir, "trace.jsonl");

        long lines = TraceFileMerge.Merge(inputs, [.. Enumerable.Range(0, 6).Select(e => $"e{e}")], merged);

        Assert.Equal(sends.Count, lines);
        Assert.Equal(sends.OrderBy(s => s.T).ThenBy(s => s.Id).Select(s => s.Line), File.ReadAllLines(merged));
    }

    [Fact]
    public void ALineThatIsNoRecordIsAnErrorNamingItsFileAndLine()
    {
        var file = Write("p.jsonl", "{\"t\":1,\"ev\":\"metric\",\"entity\":\"a\",\"round\":0,\"name\":\"q\",\"value\":1}\n{\"t\":2,\"ev\":\"sned\"}\n");

        var e = Assert.Throws<TraceFormatException>(() => TraceFileMerge.Merge([file], ["a"], Path.Combine(_dir, "out.jsonl")));

        Assert.Contains($"{file}, line 2", e.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "out.jsonl.partial")));
    }
}
