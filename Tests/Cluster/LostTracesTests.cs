using MaLAM4Com.Engine.Cluster;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Tests.Cluster;

/// <summary>A lost partition's trace file, settled, fits the survivors' and its successor's files: every message has its send and one fate.</summary>
public sealed class LostTracesTests : IDisposable
{
    // Two partitions: p0 owns a0 and a2, p1 (the lost one) owns a1 and a3. p1 was lost in the window starting at 1000.
    private static readonly string[] Names = ["a0", "a1", "a2", "a3"];

    // The lost partition's own entities.
    private static readonly int[] OddEntities = [1, 3];
    private const long VoidFromUs = 1000;

    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-lost-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static long Id(int sender, uint counter) => MessageId.Make(sender, counter);

    private static string Message(long t, string ev, long id, int from, int to, string? reason = null) =>
        $"{{\"t\":{t},\"ev\":\"{ev}\",\"id\":{id},\"parent\":null,\"from\":\"{Names[from]}\",\"to\":\"{Names[to]}\",\"type\":\"Note\",\"bytes\":8,\"round\":0"
        + (reason is null ? "}" : $",\"reason\":\"{reason}\"}}");

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));
        return path;
    }

    private (string Survivor, string Lost, string Successor) Files()
    {
        var survivor = Write("trace.p0.jsonl",
            Message(400, "deliver", Id(1, 3), 1, 0),
            Message(900, "send", Id(0, 1), 0, 1),
            Message(1200, "deliver", Id(3, 5), 3, 0));
        var lost = Write("trace.p1.jsonl.partial",
            Message(100, "send", Id(1, 1), 1, 3),
            Message(150, "deliver", Id(1, 1), 1, 3),
            Message(200, "send", Id(1, 2), 1, 3),
            Message(210, "send", Id(1, 3), 1, 0),
            Message(250, "send", Id(3, 1), 3, 1),
            Message(250, "drop", Id(3, 1), 3, 1, "loss-iid"),
            // The window the member was lost in: void (the survivors forgot what it sent then).
            Message(1000, "send", Id(1, 4), 1, 3),
            Message(1010, "deliver", Id(0, 1), 0, 1),
            Message(1020, "send", Id(3, 6), 3, 0));
        File.AppendAllText(lost, "{\"t\":1030,\"ev\":\"se");
        // The successor restarts at 1100: what p0 had sent p1 and fell due meanwhile is dropped there.
        var successor = Write("trace.p1.e1.jsonl",
            Message(1010, "drop", Id(0, 1), 0, 1, "member-lost"),
            Message(1150, "send", Id(3, 5), 3, 0));
        return (survivor, lost, successor);
    }

    [Fact]
    public void WithoutSettlingTheMergedTraceDoesNotAccountForItsMessages()
    {
        var (survivor, lost, successor) = Files();
        var merged = Path.Combine(_dir, "trace.jsonl");
        TraceFileMerge.Merge([survivor, lost, successor], Names, merged);

        var audit = TraceAudit.Of(merged);

        Assert.Equal(3, audit.Unfated);
        Assert.Equal(1, audit.MultiplyFated);
    }

    [Fact]
    public void SettlingKeepsTheCompletedWindowsAndDropsWhatTheLostMemberHeld()
    {
        var (survivor, lost, successor) = Files();
        var settled = Path.Combine(_dir, "trace.p1.jsonl");

        long drops = LostTraces.Settle(lost, VoidFromUs, OddEntities, Names, settled);

        Assert.Equal(1, drops);
        var lines = File.ReadAllLines(settled);
        Assert.Equal(File.ReadAllLines(lost).Take(6).Append(Message(1000, "drop", Id(1, 2), 1, 3, "member-lost")), lines);
        var merged = Path.Combine(_dir, "trace.jsonl");
        TraceFileMerge.Merge([survivor, settled, successor], Names, merged);
        var audit = TraceAudit.Of(merged);
        audit.AssertAccountsFor();
        Assert.Equal(2, audit.MemberLostDrops);
    }

    [Fact]
    public void ADropWrittenBySettlingIsTheLineTheTraceWriterWrites()
    {
        var lost = Write("trace.p1.jsonl.partial", Message(200, "send", Id(1, 2), 1, 3));
        var settled = Path.Combine(_dir, "trace.p1.jsonl");
        LostTraces.Settle(lost, VoidFromUs, OddEntities, Names, settled);

        var written = Path.Combine(_dir, "written.jsonl");
        using (var writer = new JsonLinesTraceWriter(written, Names))
        {
            writer.Write(TraceRecord.Message(TraceKind.Drop, VoidFromUs, Id(1, 2), TraceRecord.NoParent, 1, 3, "Note", 8, 0, DropReason.MemberLost.Name()));
            writer.Complete();
        }

        Assert.Equal(File.ReadAllLines(written)[0], File.ReadAllLines(settled)[1]);
    }
}
