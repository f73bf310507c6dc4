namespace MaLAM4Com.Engine.Tracing;

/// <summary>How a trace file is written: JSON Lines (one record per line) or Parquet (typed columns).</summary>
public enum TraceFormat
{
    Jsonl,
    Parquet,
}

public static class TraceFormats
{
    /// <summary>The value of <c>trace.format</c>, which is also the file extension (without its dot).</summary>
    public static string Name(this TraceFormat format) => format switch
    {
        TraceFormat.Jsonl => "jsonl",
        TraceFormat.Parquet => "parquet",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<TraceFormat>().Select(f => f.Name())];

    public static TraceFormat Parse(string name) =>
        Enum.GetValues<TraceFormat>().First(f => f.Name() == name);

    /// <summary>The format a path's extension names (.jsonl, .parquet), or null for any other extension.</summary>
    public static TraceFormat? OfExtension(string path)
    {
        var extension = Path.GetExtension(path).TrimStart('.');
        foreach (var f in Enum.GetValues<TraceFormat>())
        {
            if (string.Equals(f.Name(), extension, StringComparison.OrdinalIgnoreCase))
                return f;
        }
        return null;
    }
}
