

namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// Streams the records of a JSON Lines trace, forwards or backwards, holding one block (64 KiB,
/// more only for a longer line, up to <see cref="MaxLineBytes"/>) in memory. Blank lines are skipped;
/// a malformed line raises a <see cref="TraceFormatException"/> naming its line.
/// </summary>
public static class TraceReader
{
    public const int MaxLineBytes = 16 << 20;
    private const int BlockBytes = 1 << 16;

    /// <summary>Records in file order; <paramref name="onProgress"/> receives the bytes read so far after each block.</summary>
    public static IEnumerable<TraceEntry> Read(string path, Action<long, long>? onProgress = null)
    {
        using var stream = Open(path);
        var parser = new TraceLineParser(path);
        var buffer = new byte[BlockBytes];
        int start = 0, end = 0;
        long line = 0, offset = 0;
        while (true)
        {
            int newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (newline < 0)
            {
                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length)
                    Grow(ref buffer, path, line + 1);
                int n = stream.Read(buffer, end, buffer.Length - end);
                if (n > 0)
                {
                    end += n;
                    onProgress?.Invoke(stream.Position, stream.Length);
                    continue;
                }
                if (start == end)
                    yield break;
                newline = end;
            }
            line++;
            var entry = ParseUnlessBlank(parser, buffer, start, newline - start, line, offset);
            offset += newline + 1 - start;
            start = Math.Min(newline + 1, end);
            if (entry is not null)
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
            var entry = ParseUnlessBlank(parser, buffer, newline + 1, length - newline - 1, 0, position + newline + 1);
            if (entry is not null)
                yield return entry;
            if (newline < 0)
                yield break;
            length = newline;
        }
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);

    private static TraceEntry? ParseUnlessBlank(TraceLineParser parser, byte[] buffer, int start, int count, long line, long offset)
    {
        var span = buffer.AsSpan(start, count);
        return span.Trim(" \t\r"u8).IsEmpty ? null : parser.Parse(span, line, offset);
    }

    private static void Grow(ref byte[] buffer, string path, long line)
    {
        if (buffer.Length >= MaxLineBytes)
            throw new TraceFormatException(line > 0
                ? $"{path}, line {line}: longer than {MaxLineBytes >> 20} MiB"
                : $"{path}: a line is longer than {MaxLineBytes >> 20} MiB");
        Array.Resize(ref buffer, buffer.Length * 2);
    }
}
