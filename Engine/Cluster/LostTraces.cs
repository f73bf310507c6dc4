using System.Text;
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
        ForEachKept(lostFile, voidFromUs, withReceiver: true, (_, r) =>
        {
            if (r.Kind == TraceKind.Send && own.Contains(r.To!))
                unfated.Add(r.Id);
            else if (r.Kind is TraceKind.Deliver or TraceKind.Drop)
                fated.Add(r.Id);
        });
        unfated.ExceptWith(fated);

        // Second pass: the kept lines as they are, then the drops at the loss, in id order (trace order at one instant).
        var drops = new SortedDictionary<long, string>();
        using (var writer = new BufferedStream(JsonLinesTraceWriter.OpenForWriting(output), 1 << 20))
        {
            ForEachKept(lostFile, voidFromUs, withReceiver: false, (line, r) =>
            {
                WriteLine(writer, line);
                if (r.Kind == TraceKind.Send && unfated.Contains(r.Id))
                    drops[r.Id] = DropOf(Encoding.UTF8.GetString(line), voidFromUs);
            });
            foreach (var drop in drops.Values)
                WriteLine(writer, Encoding.UTF8.GetBytes(drop));
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

    private static void WriteLine(Stream writer, ReadOnlySpan<byte> line)
    {
        writer.Write(line);
        writer.WriteByte((byte)'\n');
    }

    private delegate void KeptLine(ReadOnlySpan<byte> line, TraceLineHead head);

    // The file's whole lines before voidFromUs, in file order (a torn last line is left out); with their receivers
    // only when asked (a string per message line).
    private static void ForEachKept(string path, long voidFromUs, bool withReceiver, KeptLine action)
    {
        using var lines = new TraceLineSource(path, dropUnterminated: true);
        while (lines.MoveNext())
        {
            if (lines.Current.IsEmpty)
                continue;
            var head = TraceLineHead.Read(lines.Current, path, lines.Line, withReceiver);
            if (head.TimeUs < voidFromUs)
                action(lines.Current, head);
        }
    }
}
