namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// Merges JSON Lines traces that are each in <see cref="TraceOrder"/> (the files a cluster run's
/// partitions and clock write) into one, line by line, without re-encoding: the result is byte for
/// byte what one process writes. Lines are ordered by time, kind rank and message id; a metric line
/// has no id, so its entity's index stands in for it (ids start with the sender's index), which is
/// why the entity names are needed. Lines that tie on that key come from one file, which keeps its order.
/// </summary>
public static class TraceFileMerge
{
    private readonly record struct Key(long TimeUs, int Rank, long Id, int Source) : IComparable<Key>
    {
        public int CompareTo(Key other)
        {
            int c = TimeUs.CompareTo(other.TimeUs);
            if (c != 0) return c;
            c = Rank.CompareTo(other.Rank);
            if (c != 0) return c;
            c = Id.CompareTo(other.Id);
            return c != 0 ? c : Source.CompareTo(other.Source);
        }
    }

    /// <summary>
    /// Writes the merge of <paramref name="inputs"/> to <paramref name="output"/>; returns the number of lines. It is
    /// written as OUTPUT.partial and renamed when complete, so that a merge that fails leaves no half-written trace.
    /// A last line without its newline (a file left by a member that went down mid-line) is left out.
    /// </summary>
    public static long Merge(IReadOnlyList<string> inputs, IReadOnlyList<string> entityNames, string output)
    {
        var index = new Dictionary<string, int>(entityNames.Count, StringComparer.Ordinal);
        for (int i = 0; i < entityNames.Count; i++)
            index[entityNames[i]] = i;
        var sources = new List<TraceLineSource>(inputs.Count);
        var partial = output + ".partial";
        try
        {
            foreach (var path in inputs)
                sources.Add(new TraceLineSource(path, dropUnterminated: true));
            var heads = new PriorityQueue<int, Key>(sources.Count);
            for (int i = 0; i < sources.Count; i++)
                Enqueue(heads, sources[i], i, index);
            long lines = 0;
            using (var writer = new BufferedStream(JsonLinesTraceWriter.OpenForWriting(partial), 1 << 20))
            {
                while (heads.TryDequeue(out int i, out _))
                {
                    writer.Write(sources[i].Current);
                    writer.WriteByte((byte)'\n');
                    lines++;
                    Enqueue(heads, sources[i], i, index);
                }
            }
            File.Move(partial, output, overwrite: true);
            return lines;
        }
        catch
        {
            if (File.Exists(partial))
                File.Delete(partial);
            throw;
        }
        finally
        {
            foreach (var source in sources)
                source.Dispose();
        }
    }

    private static void Enqueue(PriorityQueue<int, Key> heads, TraceLineSource source, int i, Dictionary<string, int> index)
    {
        if (source.MoveNext())
            heads.Enqueue(i, KeyOf(TraceLineHead.Read(source.Current, source.Path, source.Line), source, i, index));
    }

    private static Key KeyOf(TraceLineHead head, TraceLineSource source, int i, Dictionary<string, int> index)
    {
        long id = head.Id;
        if (head.Kind == TraceKind.Metric)
        {
            if (head.Entity is null || !index.TryGetValue(head.Entity, out int e))
                throw new TraceFormatException($"{source.Path}, line {source.Line}: metric of an unknown entity '{head.Entity}'");
            id = (long)(e + 1) << 32;
        }
        return new Key(head.TimeUs, TraceOrder.Rank(head.Kind), head.Kind == TraceKind.Fault ? 0 : id, i);
    }
}
