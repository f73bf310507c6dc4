namespace MaLAM4Com.Cli.Tracing;

/// <summary>How <c>trace sql</c> prints a result: an aligned table, CSV (RFC 4180) or JSON Lines (one object per row).</summary>
public enum SqlResultFormat
{
    Table,
    Csv,
    Json,
}

public static class SqlResultFormats
{
    /// <summary>The value of <c>--format</c>.</summary>
    public static string Name(this SqlResultFormat format) => format.ToString().ToLowerInvariant();

    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<SqlResultFormat>().Select(f => f.Name())];

    public static SqlResultFormat Parse(string name) => Enum.GetValues<SqlResultFormat>().First(f => f.Name() == name);
}
