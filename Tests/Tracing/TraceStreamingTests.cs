using MaLAM4Com.Cli.Tracing;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Tests.Tracing;

[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>Runs alone (no parallel tests) so the heap it measures holds only its own objects.</summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class TraceStreamingTests : IDisposable
{
    private const int Agents = 10_000;
    private const int Records = 1_000_000;
    private const long LiveMemoryCap = 32L << 20;
    private readonly string _directory = Directory.CreateTempSubdirectory("malam4com-big-trace-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SummaryOfATraceFourTimesTheMemoryCapKeepsLiveMemoryUnderTheCap()
    {
        var path = Path.Combine(_directory, "trace.jsonl");
        var names = new[] { "cloud" }.Concat(Enumerable.Range(0, Agents).Select(i => $"agent-{i}")).ToArray();
        var counters = new uint[names.Length];
        using (var writer = new JsonLinesTraceWriter(path, names))
        {
            for (int i = 0; i < Records; i++)
            {
                int agent = 1 + i % Agents;
                var kind = i % 50 == 0 ? TraceKind.Drop : TraceKind.Send;
                writer.Write(TraceRecord.Message(kind, i, MessageId.Make(agent, counters[agent]++), TraceRecord.NoParent, agent, 0,
                    "Embedding", 1024, i / 20_000, kind == TraceKind.Drop ? "loss-iid" : null));
            }
            writer.Complete();
        }
        Assert.True(new FileInfo(path).Length > 4 * LiveMemoryCap);

        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        var summary = new TraceSummary();
        foreach (var e in TraceReader.Read(path))
        {
            summary.Add(e);
            if (summary.Records % 200_000 == 0)
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
        }

        Assert.Equal(Records, summary.Records);
        Assert.Equal(Records / 50, summary.DropsByReason["loss-iid"]);
        Assert.Equal(50, summary.BytesByRound.Count);
        Assert.True(peak < LiveMemoryCap, $"live memory grew by {peak >> 20} MiB while streaming, cap {LiveMemoryCap >> 20} MiB");
    }
}
