namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// Streams the records of a JSON Lines trace, forwards or backwards, holding one block (64 KiB,
/// more only for a longer line, up to <see cref="MaxLineBytes"/>) in memory. Blank lines are skipped;
/// a malformed line raises a <see cref="TraceFormatException"/> naming its line.
/// </summary>
public static class TraceReader
{
    public const int MaxLineBytes = 16 << 20;
    internal const int BlockBytes = 1 << 16;

    /// <summary>Records in file order; <paramref name="onProgress"/> receives the bytes read so far after each block.</summary>
    public static IEnumerable<TraceEntry> Read(string path, Action<long, long>? onProgress = null)
    {
        using var lines = new TraceLineSource(path, dropUnterminated: false, onProgress);
        var parser = new TraceLineParser(path);
        while (lines.MoveNext())
        {
            if (ParseUnlessBlank(parser, lines.Current, lines.Line, 0) is { } entry)
                yield return entry;
        }
    }

    /// <summary>
    /// Records from the last to the first. Line numbers are unknown this way round (errors give byte
    /// offsets); the causal-chain follower uses it to find ancestors, which precede their descendants.
    /// </summary>
    public static IEnumerable<TraceEntry> ReadBackward(string path)
    {
        using var stream = Open(path);
        var parser = new TraceLineParser(path);
        var buffer = new byte[BlockBytes];
        long position = stream.Length;
        int length = 0;
        while (true)
        {
            int newline = length == 0 ? -1 : Array.LastIndexOf(buffer, (byte)'\n', length - 1, length);
            if (newline < 0 && position > 0)
            {
                int read = (int)Math.Min(BlockBytes, position);
                if (length + read > buffer.Length)
                    Grow(ref buffer, path, 0);
                buffer.AsSpan(0, length).CopyTo(buffer.AsSpan(read));
                position -= read;
                stream.Position = position;
                stream.ReadExactly(buffer, 0, read);
                length += read;
                continue;
            }
            var entry = ParseUnlessBlank(parser, buffer.AsSpan(newline + 1, length - newline - 1), 0, position + newline + 1);
            if (entry is not null)
                yield return entry;
            if (newline < 0)
                yield break;
            length = newline;
        }
    }

    internal static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);

    private static TraceEntry? ParseUnlessBlank(TraceLineParser parser, ReadOnlySpan<byte> line, long number, long offset) =>
        line.Trim(" \t\r"u8).IsEmpty ? null : parser.Parse(line, number, offset);

    /// <summary>Doubles a line buffer, up to <see cref="MaxLineBytes"/>; <paramref name="line"/> is the 1-based line being read, 0 when unknown.</summary>
    internal static void Grow(ref byte[] buffer, string path, long line)
    {
        if (buffer.Length >= MaxLineBytes)
            throw new TraceFormatException(line > 0
                ? $"{path}, line {line}: longer than {MaxLineBytes >> 20} MiB"
                : $"{path}: a line is longer than {MaxLineBytes >> 20} MiB");
        Array.Resize(ref buffer, buffer.Length * 2);
    }
}
