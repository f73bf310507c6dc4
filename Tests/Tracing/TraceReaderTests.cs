using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Tests.Tracing;

public sealed class TraceReaderTests : IDisposable
{
    private readonly SampleTrace _trace = new();

    public void Dispose() => _trace.Dispose();

    [Fact]
    public void ReadsBackEveryRecordTheWriterWrote()
    {
        var entries = TraceReader.Read(_trace.Path).ToList();
        Assert.Equal(_trace.Records.Count, entries.Count);
        for (int i = 0; i < entries.Count; i++)
        {
            var r = _trace.Records[i];
            var e = entries[i];
            Assert.Equal(i + 1, e.Line);
            Assert.Equal(r.TimeUs, e.TimeUs);
            Assert.Equal(r.Kind, e.Kind);
            switch (r.Kind)
            {
                case TraceKind.Metric:
                    Assert.Equal((SampleTrace.Names[r.From], r.Round, r.Name, r.Value), (e.Entity, e.Round, e.Name, e.Value));
                    break;
                case TraceKind.Fault:
                    Assert.Equal((r.From < 0 ? null : SampleTrace.Names[r.From], r.Name, r.Reason), (e.Entity, e.Name, e.Detail));
                    break;
                default:
                    Assert.Equal(
                        (r.MessageId, r.ParentId == TraceRecord.NoParent ? (long?)null : r.ParentId, SampleTrace.Names[r.From], SampleTrace.Names[r.To], r.Type, (long)r.Bytes, (int?)r.Round, r.Reason),
                        (e.Id, e.Parent, e.From, e.To, e.Type, e.Bytes, e.Round, e.Reason));
                    break;
            }
        }
    }

    [Fact]
    public void BackwardReadingGivesTheSameRecordsInReverse()
    {
        var forward = TraceReader.Read(_trace.Path).Select(e => e with { Line = 0 }).ToList();
        var backward = TraceReader.ReadBackward(_trace.Path).ToList();
        forward.Reverse();
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void BackwardReadingHandlesLinesAcrossBlocksAndNoFinalNewline()
    {
        var path = Path.Combine(_trace.Directory, "long.jsonl");
        var detail = new string('x', 100_000);
        File.WriteAllText(path,
            "{\"t\":1,\"ev\":\"fault\",\"entity\":null,\"name\":\"a\",\"detail\":\"" + detail + "\"}\n\n" +
            "{\"t\":2,\"ev\":\"fault\",\"entity\":\"edge-0\",\"name\":\"b\",\"detail\":\"short\"}");
        Assert.Equal(["b", "a"], TraceReader.ReadBackward(path).Select(e => e.Name));
        Assert.Equal(["a", "b"], TraceReader.Read(path).Select(e => e.Name));
        Assert.Equal(detail, TraceReader.Read(path).First().Detail);
    }

    [Fact]
    public void ReEncodedRecordsAreByteIdenticalToTheWritersLines()
    {
        var output = new StringWriter { NewLine = "\n" };
        using (var json = new TraceEntryJson(output))
        {
            foreach (var e in TraceReader.Read(_trace.Path))
                json.Write(e);
        }
        Assert.Equal(File.ReadAllText(_trace.Path), output.ToString());
    }

    [Theory]
    [InlineData("{\"t\":1,\"ev\":\"send\"", "line 3")]
    [InlineData("{\"t\":1,\"ev\":\"teleport\",\"name\":\"x\"}", "unknown \"ev\"")]
    [InlineData("{\"ev\":\"fault\",\"name\":\"x\"}", "missing \"t\"")]
    [InlineData("{\"t\":1,\"ev\":\"send\",\"id\":5}", "needs \"id\", \"from\"")]
    [InlineData("[1,2]", "expected a JSON object")]
    [InlineData("{\"t\":1,\"ev\":\"fault\",\"name\":\"x\"} trailing", "line 3")]
    public void MalformedLinesAreReportedWithTheirLineNumber(string badLine, string expected)
    {
        var path = Path.Combine(_trace.Directory, "bad.jsonl");
        var good = File.ReadLines(_trace.Path).Take(2);
        File.WriteAllLines(path, good.Append(badLine));
        var e = Assert.Throws<TraceFormatException>(() => TraceReader.Read(path).ToList());
        Assert.Contains("line 3", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Contains(path, e.Message);
    }
}
