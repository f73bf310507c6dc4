using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// A trace file of either format, told apart by its content (a Parquet file starts with "PAR1"), not its
/// name: every command that reads a trace reads it through here and gets the same records either way.
/// </summary>
public static class TraceFile
{
    private static ReadOnlySpan<byte> ParquetMagic => "PAR1"u8;

    /// <summary>The format of an existing file: Parquet if it starts with the Parquet magic bytes, else JSON Lines.</summary>
    public static TraceFormat Sniff(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return n == head.Length && head.SequenceEqual(ParquetMagic) ? TraceFormat.Parquet : TraceFormat.Jsonl;
    }

    /// <summary>Records in file order; <paramref name="onProgress"/> receives the bytes read so far and the file's length.</summary>
    public static IEnumerable<TraceEntry> Read(string path, Action<long, long>? onProgress = null) =>
        Sniff(path) == TraceFormat.Parquet ? ParquetTraceReader.Read(path, onProgress) : TraceReader.Read(path, onProgress);

    /// <summary>Records from the last to the first.</summary>
    public static IEnumerable<TraceEntry> ReadBackward(string path) =>
        Sniff(path) == TraceFormat.Parquet ? ParquetTraceReader.ReadBackward(path) : TraceReader.ReadBackward(path);

    /// <summary>A writer of the kernel's records in <paramref name="format"/> at <paramref name="path"/> (written as PATH.partial until complete).</summary>
    public static ITraceSink OpenWriter(string path, TraceFormat format, IReadOnlyList<string> entityNames) => format switch
    {
        TraceFormat.Parquet => new ParquetTraceWriter(path, entityNames),
        _ => new JsonLinesTraceWriter(path, entityNames),
    };
}
