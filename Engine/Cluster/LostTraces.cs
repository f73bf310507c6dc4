using System.Text;
using System.Text.Json;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Cluster;

/// <summary>
/// Fits the trace file of a partition incarnation lost with its member to the run that went on
/// without it. It keeps the records before the window the incarnation was lost in (the clock completed
/// the windows before it with this incarnation, whose file was flushed at each one; a member killed
/// mid-write may leave later lines, a torn one among them, and those are void) and adds a
/// <c>member-lost</c> drop, at the start of that window, for every message it had sent to its own
/// entities and neither delivered nor dropped: those waited in its queue and were lost with it. What
/// it sent to other partitions reached them with the windows it completed; what they had sent it is
/// handed to its next incarnation, which drops what fell due while it was gone.
/// </summary>
public static class LostTraces
{
    private static readonly string Drop = $",\"ev\":\"{TraceKind.Drop.Name()}\",";
    private static readonly string Reason = $",\"reason\":\"{DropReason.MemberLost.Name()}\"}}";

    /// <summary>Writes the settled trace of <paramref name="lostFile"/> to <paramref name="output"/> (in trace order); returns the number of drops added.</summary>
    /// <param name="voidFromUs">Where the incarnation's void records begin: the start of the window it was lost in.</param>
    /// <param name="entities">The lost incarnation's own entities (its partition's, <see cref="Kernel.PartitionMap"/>).</param>
    public static long Settle(string lostFile, long voidFromUs, IReadOnlyList<int> entities, IReadOnlyList<string> entityNames, string output)
    {
        var own = new HashSet<string>(StringComparer.Ordinal);
        foreach (int e in entities)
            own.Add(entityNames[e]);

        // First pass: its own messages sent before the void part, and those that met their fate there.
        var unfated = new HashSet<long>();
        var fated = new HashSet<long>();
        foreach (var line in KeptLines(lostFile, voidFromUs))
        {
            var r = Read(line, lostFile);
            if (r.Kind == TraceKind.Send && own.Contains(r.To!))
                unfated.Add(r.Id);
            else if (r.Kind is TraceKind.Deliver or TraceKind.Drop)
                fated.Add(r.Id);
        }
        unfated.ExceptWith(fated);

        // Second pass: the kept lines as they are, then the drops at the loss, in id order (trace order at one instant).
        var drops = new SortedDictionary<long, string>();
        using (var writer = new StreamWriter(JsonLinesTraceWriter.OpenForWriting(output), new UTF8Encoding(false)) { NewLine = "\n" })
        {
            foreach (var line in KeptLines(lostFile, voidFromUs))
            {
                writer.WriteLine(line);
                if (unfated.Count > 0 && line.Contains("\"ev\":\"send\"", StringComparison.Ordinal))
                {
                    var r = Read(line, lostFile);
                    if (unfated.Contains(r.Id))
                        drops[r.Id] = DropOf(line, voidFromUs);
                }
            }
            foreach (var drop in drops.Values)
                writer.WriteLine(drop);
        }
        return drops.Count;
    }

    // A send line turned into its drop: the same fields, at another time, with a reason (the order the trace writer uses).
    private static string DropOf(string send, long atUs)
    {
        int kind = send.IndexOf(",\"ev\":", StringComparison.Ordinal);
        int rest = send.IndexOf(',', kind + 1);
        return $"{{\"t\":{atUs}{Drop}{send[(rest + 1)..^1]}{Reason}";
    }

    private readonly record struct Head(long TimeUs, TraceKind Kind, long Id, string? To);

    private static Head Read(string line, string path)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
        long t = 0, id = 0;
        var kind = TraceKind.Fault;
        string? to = null;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "t":
                    t = reader.GetInt64();
                    break;
                case "ev" when !TraceKindNames.TryParse(reader.GetString() ?? "", out kind):
                    throw new TraceFormatException($"{path}: unknown record kind in: {line}");
                case "id":
                    id = reader.GetInt64();
                    break;
                case "to":
                    to = reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return new Head(t, kind, id, to);
    }

    // The file's whole lines before voidFromUs, in file order (a torn last line is left out).
    private static IEnumerable<string> KeptLines(string path, long voidFromUs)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        bool torn = false;
        if (stream.Length > 0)
        {
            stream.Seek(-1, SeekOrigin.End);
            torn = stream.ReadByte() != '\n';
            stream.Seek(0, SeekOrigin.Begin);
        }
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (torn && reader.EndOfStream)
                yield break;
            if (line.Length == 0)
                continue;
            if (Read(line, path).TimeUs < voidFromUs)
                yield return line;
        }
    }
}
