using System.Text;
using System.Text.Json;

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
    /// </summary>
    public static long Merge(IReadOnlyList<string> inputs, IReadOnlyList<string> entityNames, string output)
    {
        var index = new Dictionary<string, int>(entityNames.Count, StringComparer.Ordinal);
        for (int i = 0; i < entityNames.Count; i++)
            index[entityNames[i]] = i;
        var readers = inputs.Select(path => new LineSource(path)).ToList();
        var partial = output + ".partial";
        try
        {
            var heads = new PriorityQueue<string, Key>();
            for (int i = 0; i < readers.Count; i++)
                Enqueue(heads, readers[i], i, index);
            long lines = 0;
            using (var writer = new StreamWriter(JsonLinesTraceWriter.OpenForWriting(partial), new UTF8Encoding(false)) { NewLine = "\n" })
            {
                while (heads.TryDequeue(out var line, out var key))
                {
                    writer.WriteLine(line);
                    lines++;
                    Enqueue(heads, readers[key.Source], key.Source, index);
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
            foreach (var r in readers)
                r.Dispose();
        }
    }

    private static void Enqueue(PriorityQueue<string, Key> heads, LineSource source, int i, Dictionary<string, int> index)
    {
        var line = source.Next();
        if (line is not null)
            heads.Enqueue(line, KeyOf(line, source.Path, i, index));
    }

    private static Key KeyOf(string line, string path, int source, Dictionary<string, int> index)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
        long t = 0, id = 0;
        TraceKind kind = TraceKind.Fault;
        string? entity = null;
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
                case "entity":
                    entity = reader.GetString();
                    break;
            }
        }
        if (kind == TraceKind.Metric)
        {
            if (entity is null || !index.TryGetValue(entity, out int e))
                throw new TraceFormatException($"{path}: metric of an unknown entity in: {line}");
            id = (long)(e + 1) << 32;
        }
        return new Key(t, TraceOrder.Rank(kind), kind == TraceKind.Fault ? 0 : id, source);
    }

    // A file left by a member that went down may end in a torn line: that line is left out.
    private sealed class LineSource : IDisposable
    {
        private readonly StreamReader _reader;
        private readonly bool _tornTail;

        public LineSource(string path)
        {
            Path = path;
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
            if (stream.Length > 0)
            {
                stream.Seek(-1, SeekOrigin.End);
                _tornTail = stream.ReadByte() != '\n';
                stream.Seek(0, SeekOrigin.Begin);
            }
            _reader = new StreamReader(stream, Encoding.UTF8);
        }

        public string Path { get; }

        public string? Next()
        {
            var line = _reader.ReadLine();
            return line is not null && _tornTail && _reader.EndOfStream ? null : line;
        }

        public void Dispose() => _reader.Dispose();
    }
}
