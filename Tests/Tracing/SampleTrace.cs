using MaLAM4Com.Actors;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Tests.Tracing;

/// <summary>
/// A small two-round trace written with <see cref="JsonLinesTraceWriter"/> to a temporary file:
/// the cloud sends Model to both edges, each edge forwards it to its two agents, agents answer
/// with an Embedding and each edge sends an Aggregate to the cloud; round 1's Model messages are
/// caused by edge-0's round-0 Aggregate. Drops: agent-1's round-0 Embedding (loss-iid) and agent-3's
/// round-1 Embedding (loss-burst). Metrics: cloud nmse (linear: -10 and -15 dB) and agents' queue_bytes each round.
/// Faults: edge-1 link-down at 1.5 s and a network-wide partition at 1.6 s.
/// </summary>
public sealed class SampleTrace : IDisposable
{
    public static readonly string[] Names = ["cloud", "edge-0", "edge-1", "agent-0", "agent-1", "agent-2", "agent-3"];
    public const int Cloud = 0;
    private readonly uint[] _counters = new uint[Names.Length];
    private readonly List<TraceRecord> _records = [];

    public SampleTrace()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("malam4com-trace-").FullName;
        Path = System.IO.Path.Combine(Directory, "trace.jsonl");
        long parentOfModel = TraceRecord.NoParent;
        for (int round = 0; round < 2; round++)
        {
            long t0 = round * 1_000_000L;
            long nextParent = TraceRecord.NoParent;
            for (int edge = 1; edge <= 2; edge++)
            {
                long model = Message(t0, Cloud, edge, "Model", 4096, round, parentOfModel, null);
                long aggregateParent = TraceRecord.NoParent;
                foreach (int agent in new[] { 2 * edge + 1, 2 * edge + 2 })
                {
                    long forward = Message(t0 + 2_000, edge, agent, "Model", 4096, round, model, null);
                    string? reason = (round, agent) switch { (0, 4) => "loss-iid", (1, 6) => "loss-burst", _ => null };
                    long embedding = Message(t0 + 5_000, agent, edge, "Embedding", 1024, round, forward, reason);
                    if (aggregateParent == TraceRecord.NoParent)
                        aggregateParent = embedding;
                    _records.Add(TraceRecord.Metric(t0 + 6_000, 0, agent, round, "queue_bytes", 100 * agent + round));
                }
                long aggregate = Message(t0 + 10_000, edge, Cloud, "Aggregate", 2048, round, aggregateParent, null);
                if (edge == 1)
                    nextParent = aggregate;
            }
            _records.Add(TraceRecord.Metric(t0 + 20_000, 0, Cloud, round, CooperationMetrics.Nmse.Name, Math.Pow(10, (-10.0 - 5 * round) / 10)));
            parentOfModel = nextParent;
        }
        _records.Add(TraceRecord.Fault(1_500_000, 2, FaultEvent.LinkDown, "edge-1 <-> cloud down for 200ms"));
        _records.Add(TraceRecord.Fault(1_600_000, -1, FaultEvent.PartitionStart, "edges split from the cloud"));
        // A stable sort: records of one instant keep the order they were made in.
        var sorted = _records.OrderBy(r => r.TimeUs).ToList();
        _records.Clear();
        _records.AddRange(sorted);
        using var writer = new JsonLinesTraceWriter(Path, Names);
        foreach (var r in _records)
            writer.Write(r);
        writer.Complete();
    }

    public string Directory { get; }
    public string Path { get; }

    /// <summary>The records in file order (a stable sort by time of the order they were made in).</summary>
    public IReadOnlyList<TraceRecord> Records => _records;

    /// <summary>Id of the message of this type from one entity to another in a round.</summary>
    public long IdOf(string type, string from, string to, int round) =>
        _records.First(r => r.Kind == TraceKind.Send && r.Type == type && Names[r.From] == from && Names[r.To] == to && r.Round == round).MessageId;

    /// <summary>A send at <paramref name="t"/>, then a delivery 1 ms later or a drop 100 µs later.</summary>
    private long Message(long t, int from, int to, string type, int bytes, int round, long parent, string? dropReason)
    {
        long id = MessageId.Make(from, _counters[from]++);
        _records.Add(TraceRecord.Message(TraceKind.Send, t, id, parent, from, to, type, bytes, round));
        _records.Add(dropReason is null
            ? TraceRecord.Message(TraceKind.Deliver, t + 1_000, id, parent, from, to, type, bytes, round)
            : TraceRecord.Message(TraceKind.Drop, t + 100, id, parent, from, to, type, bytes, round, dropReason));
        return id;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
