using System.Text.Json;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Tests.Kernel;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Tests.Tracing;

public sealed class TraceContentTests
{
    [Fact]
    public void EachSendAndDeliveryIsOneRecordWithIdsParentsAndSizes()
    {
        var run = ScriptRun.Execute(2, (e, h) =>
        {
            if (e.Index == 0 && h.Label == "start")
                e.Tell(1, "ping", 250);
            if (e.Index == 1 && h.Label == "ping")
            {
                e.Record("pings", 1);
                e.Tell(0, "pong", 100);
            }
        });
        var records = run.Trace.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, records.Count);
        long ping = MessageId.Make(0, 1);
        long pong = MessageId.Make(1, 2); // the metric before it took node-1's first counter value
        Assert.Equal("""{"t":0,"ev":"send","id":4294967297,"parent":null,"from":"node-0","to":"node-1","type":"Note","bytes":250}""", run.Trace[0]);
        Assert.Equal(ping, records[0].GetProperty("id").GetInt64());
        // 250 bytes at 8 Mbit/s take 250 us on top of the 1 ms propagation.
        Assert.Equal(("deliver", 1_250L, ping), (records[1].GetProperty("ev").GetString(), records[1].GetProperty("t").GetInt64(), records[1].GetProperty("id").GetInt64()));
        Assert.Equal(("send", pong, ping), (records[2].GetProperty("ev").GetString(), records[2].GetProperty("id").GetInt64(), records[2].GetProperty("parent").GetInt64()));
        Assert.Equal("""{"t":1250,"ev":"metric","entity":"node-1","round":-1,"name":"pings","value":1}""", run.Trace[3]);
        Assert.Equal(("deliver", 2_350L, pong), (records[4].GetProperty("ev").GetString(), records[4].GetProperty("t").GetInt64(), records[4].GetProperty("id").GetInt64()));
    }

    [Fact]
    public void TheTraceIsInTimeOrder()
    {
        var run = ScriptRun.Execute(10, (e, h) =>
        {
            if (e.State++ < 20)
                e.Tell((e.Index + e.State) % 10, "x", 10 * e.State);
        }, new MaLAM4Com.Engine.Links.RandomDelayLinkModel(1, 500, 3_000, 1e7));
        var times = run.Trace.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("t").GetInt64()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.True(times.Count > 200);
    }

    [Fact]
    public void AnUnfinishedTraceLeavesNoFileBehind()
    {
        var path = Path.Combine(Path.GetTempPath(), $"unfinished-{Guid.NewGuid():N}.jsonl");
        using (var writer = new JsonLinesTraceWriter(path, ["a", "b"]))
            writer.Write(TraceRecord.Message(TraceKind.Send, 0, 1, 0, 0, 1, "X", 1, -1));
        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public void AnUnwritableTracePathIsNamed()
    {
        var e = Assert.Throws<IOException>(() => new JsonLinesTraceWriter("/proc/no-such-dir/trace.jsonl", ["a"]));
        Assert.Contains("/proc/no-such-dir/trace.jsonl", e.Message);
    }
}
