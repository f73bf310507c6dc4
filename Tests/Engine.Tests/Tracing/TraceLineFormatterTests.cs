using System.Text;
using System.Text.Json;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Tests.Tracing;

public class TraceLineFormatterTests
{
    private static readonly string[] Names = ["agent-0", "edge-12", "cloud", "w (1)=@x/y:z,_."];

    // What the general path writes: TraceJson through a Utf8JsonWriter, one line.
    private static string General(in TraceRecord r)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true }))
        {
            if (r.Kind == TraceKind.Metric)
                TraceJson.WriteMetric(json, r.TimeUs, Names[r.From], r.Round, r.Name, r.Value);
            else
                TraceJson.WriteMessage(json, r.TimeUs, r.Kind, r.MessageId, r.ParentId == TraceRecord.NoParent ? null : r.ParentId,
                    Names[r.From], Names[r.To], r.Type, r.Bytes, r.Round == TraceRecord.NoRound ? null : r.Round, r.Reason);
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string? Fast(in TraceRecord r)
    {
        var buffer = new byte[TraceLineFormatter.MaxLength];
        return TraceLineFormatter.TryFormat(r, Names, buffer, out int n) ? Encoding.UTF8.GetString(buffer, 0, n) : null;
    }

    [Fact]
    public void MatchesTheGeneralWriterByteForByteOnRandomRecords()
    {
        var random = new Random(5);
        double[] special = [0, -0.0, 1, -1, 0.1, 1e-7, 1.5e-300, double.Epsilon, double.MaxValue, -123456789.125, 1e21, 1e15 + 0.3, 12345678901234567890.0];
        for (int i = 0; i < 20_000; i++)
        {
            var kind = (TraceKind)random.Next(4);
            long time = random.NextInt64(0, long.MaxValue / (1 + random.Next(1 << 20)));
            double value = i < special.Length ? special[i] : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30));
            var r = kind == TraceKind.Metric
                ? TraceRecord.Metric(time, random.NextInt64(), random.Next(Names.Length), random.Next(-1, 1000), random.Next(2) == 0 ? "nmse" : "queue_bytes", value)
                : TraceRecord.Message(kind, time, random.NextInt64(1, long.MaxValue), random.Next(3) == 0 ? TraceRecord.NoParent : random.NextInt64(1, long.MaxValue),
                    random.Next(Names.Length), random.Next(Names.Length), "KnowledgeReport", random.Next(), random.Next(3) == 0 ? TraceRecord.NoRound : random.Next(100),
                    kind == TraceKind.Drop ? (random.Next(2) == 0 ? "loss" : "link-down edge-1/cloud (8s-12s)") : null);
            Assert.Equal(General(r), Fast(r));
        }
    }

    [Fact]
    public void EveryPlainCharacterIsWrittenAsItIsByTheGeneralWriterToo()
    {
        var plain = new string(Enumerable.Range(32, 95).Select(c => (char)c).Where(TraceLineFormatter.IsPlain).ToArray());
        Assert.True(plain.Length > 60, plain);
        var r = TraceRecord.Message(TraceKind.Drop, 5, 7, 3, 0, 1, "T", 10, 2, plain);
        Assert.Equal(General(r), Fast(r));
    }

    [Theory]
    [InlineData("quote \" in it")]
    [InlineData("back\\slash")]
    [InlineData("a<b")]
    [InlineData("a+b")]
    [InlineData("région")]
    [InlineData("new\nline")]
    public void DeclinesStringsThatNeedEscaping(string reason)
    {
        var r = TraceRecord.Message(TraceKind.Drop, 5, 7, 3, 0, 1, "T", 10, 2, reason);
        Assert.Null(Fast(r));
        // The general writer does escape it, so the fast path must not write it as it is.
        Assert.DoesNotContain(reason, General(r));
    }

    [Fact]
    public void DeclinesNonFiniteValuesAndFaultsAndTooSmallBuffers()
    {
        Assert.Null(Fast(TraceRecord.Metric(1, 1, 0, 0, "nmse", double.NaN)));
        Assert.Null(Fast(TraceRecord.Fault(1, 0, FaultEvent.Crash, "no restart")));
        var ok = TraceRecord.Metric(1, 1, 0, 0, "nmse", 0.5);
        Assert.False(TraceLineFormatter.TryFormat(ok, Names, new byte[TraceLineFormatter.MaxLength - 1], out _));
    }

    [Fact]
    public void AWriterMixingBothPathsKeepsTheRecordOrder()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fmt-{Guid.NewGuid():N}.jsonl");
        try
        {
            var records = new List<TraceRecord>();
            for (int i = 0; i < 50_000; i++)
            {
                records.Add(i % 1000 == 7
                    ? TraceRecord.Fault(i, -1, FaultEvent.PartitionStart, "a,b|c")
                    : TraceRecord.Metric(i, i, i % Names.Length, i / 100, "nmse", i * 0.25));
            }
            using (var writer = new JsonLinesTraceWriter(path, Names))
            {
                foreach (var r in records)
                    writer.Write(r);
                writer.Complete();
            }
            var lines = File.ReadAllLines(path);
            Assert.Equal(records.Count, lines.Length);
            for (int i = 0; i < lines.Length; i++)
                Assert.Equal(records[i].TimeUs, JsonDocument.Parse(lines[i]).RootElement.GetProperty("t").GetInt64());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
