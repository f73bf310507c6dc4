using MaLAM4Com.Engine.Tracing;
using Parquet;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// Streams the records of a Parquet trace (<see cref="TraceColumns"/>), forwards or backwards, holding one
/// row group in memory and the file's <see cref="TraceText"/>, whose strings the text columns number. A
/// record's <see cref="TraceEntry.Line"/> is its 1-based row, which is its line in the JSON Lines form of the trace. A file that is not a Parquet trace raises a <see cref="TraceFormatException"/>.
/// </summary>
public static class ParquetTraceReader
{
    /// <summary>Records in file order; <paramref name="onProgress"/> receives the share of the file read (in bytes) after each row group.</summary>
    public static IEnumerable<TraceEntry> Read(string path, Action<long, long>? onProgress = null) => Rows(path, backward: false, onProgress);

    /// <summary>Records from the last to the first.</summary>
    public static IEnumerable<TraceEntry> ReadBackward(string path) => Rows(path, backward: true, null);

    private static IEnumerable<TraceEntry> Rows(string path, bool backward, Action<long, long>? onProgress)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        var reader = Open(path, stream);
        try
        {
            var text = Text(path, reader);
            int groups = reader.RowGroupCount;
            var first = new long[groups];
            for (int g = 1; g < groups; g++)
                first[g] = first[g - 1] + reader.RowGroups[g - 1].RowCount;
            for (int k = 0; k < groups; k++)
            {
                int g = backward ? groups - 1 - k : k;
                var rows = Load(path, reader, g, text);
                for (int j = 0; j < rows.Count; j++)
                {
                    int i = backward ? rows.Count - 1 - j : j;
                    yield return rows.Entry(i, first[g] + i + 1)
                        ?? throw new TraceFormatException($"{path}, row {first[g] + i + 1}: unknown record kind '{rows.KindText(i)}'");
                }
                onProgress?.Invoke(stream.Length * (k + 1) / groups, stream.Length);
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static ParquetReader Open(string path, Stream stream)
    {
        try
        {
            var reader = ParquetReader.CreateAsync(stream, leaveStreamOpen: true).GetAwaiter().GetResult();
            var missing = TraceColumns.Schema.DataFields.Where(f => !reader.Schema.DataFields.Any(d => d.Name == f.Name && d.ClrType == f.ClrType)).Select(f => f.Name).ToList();
            if (missing.Count == 0)
                return reader;
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new TraceFormatException($"{path}: a Parquet file but not a trace: it lacks the column(s) {string.Join(", ", missing)} (of the right type)");
        }
        catch (Exception e) when (e is not TraceFormatException)
        {
            throw new TraceFormatException($"{path}: not a readable Parquet file ({e.Message})");
        }
    }

    private static string[] Text(string path, ParquetReader reader) =>
        reader.CustomMetadata.TryGetValue(TraceText.MetadataKey, out var json)
            ? TraceText.Parse(json) ?? throw new TraceFormatException($"{path}: the text table (metadata '{TraceText.MetadataKey}') is not a JSON array of strings")
            : throw new TraceFormatException($"{path}: a Parquet file but not a trace: it has no text table (metadata '{TraceText.MetadataKey}')");

    private static TraceColumns Load(string path, ParquetReader reader, int group, string[] text)
    {
        try
        {
            using var rows = reader.OpenRowGroupReader(group);
            return TraceColumns.ReadRowGroupAsync(rows, text).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            throw new TraceFormatException($"{path}: row group {group + 1} of {reader.RowGroupCount} cannot be read ({e.Message})");
        }
    }
}
