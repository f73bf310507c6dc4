using System.Data.Common;
using DuckDB.NET.Data;
using MaLAM4Com.Cli.Commands;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// SQL over a trace with DuckDB, in process. The trace is seen as views: <c>trace</c> (every record, the
/// columns of <see cref="TraceColumns"/> plus <c>seq</c>, its 0-based position in the file), <c>messages</c>
/// (send, deliver and drop records), <c>metrics</c> and <c>faults</c>, each with the columns its records use.
/// The views show text by its string, looking each text column's number up in the file's <see cref="TraceText"/>,
/// loaded once per query into the one-row table <c>trace_text</c>. A Parquet trace is queried where it is; a
/// JSON Lines trace is first converted to a temporary Parquet file.
/// A query DuckDB refuses is a <see cref="UsageException"/> with DuckDB's first line.
/// </summary>
public static class TraceSql
{
    public const string TraceView = "trace";
    public const string MessagesView = "messages";
    public const string MetricsView = "metrics";
    public const string FaultsView = "faults";
    public const string TextTable = "trace_text";

    /// <summary>Runs <paramref name="sql"/> on the trace at <paramref name="path"/> and writes its result in <paramref name="format"/>; returns the rows written.</summary>
    public static long Query(string path, string sql, SqlResultFormat format, TextWriter output)
    {
        string? temporary = null;
        try
        {
            var parquet = path;
            if (TraceFile.Sniff(path) != TraceFormat.Parquet)
            {
                temporary = Path.Combine(Path.GetTempPath(), $"malam4com-sql-{Guid.NewGuid():N}.parquet");
                TraceConverter.Convert(path, temporary, TraceFormat.Parquet);
                parquet = temporary;
            }
            using var connection = new DuckDBConnection("DataSource=:memory:");
            connection.Open();
            using (var views = connection.CreateCommand())
            {
                views.CommandText = Views(parquet);
                views.ExecuteNonQuery();
                views.CommandText = $"SELECT count(*) FROM {TextTable}";
                if (Convert.ToInt64(views.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 1)
                    throw new TraceFormatException($"{path}: a Parquet file but not a trace: it has no text table (metadata '{TraceText.MetadataKey}')");
            }
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            return SqlResultWriter.Write(reader, format, output);
        }
        catch (DbException e)
        {
            throw new UsageException($"trace sql: {FirstLine(e.Message)}");
        }
        finally
        {
            if (temporary is not null)
                File.Delete(temporary);
        }
    }

    /// <summary>The statements that define the views over a Parquet trace file.</summary>
    public static string Views(string parquetPath)
    {
        var file = parquetPath.Replace("'", "''", StringComparison.Ordinal);
        string View(string name, TraceKind[]? kinds, params Parquet.Schema.DataField[] fields) => $"""
            CREATE VIEW {name} AS SELECT r.file_row_number AS seq, {string.Join(", ", fields.Select(Column))}
                FROM read_parquet('{file}', file_row_number = true) AS r, {TextTable} AS x
                {(kinds is null ? "" : $"WHERE r.{TraceColumns.KindId.Name} IN ({string.Join(", ", kinds.Select(k => (int)k))})")};
            """;
        return $"""
            CREATE TEMP TABLE {TextTable} AS SELECT from_json(decode(value), '["VARCHAR"]') AS strings
                FROM parquet_kv_metadata('{file}') WHERE decode(key) = '{TraceText.MetadataKey}';
            {View(TraceView, null, [.. TraceColumns.Schema.DataFields])}
            {View(MessagesView, [TraceKind.Send, TraceKind.Deliver, TraceKind.Drop], TraceColumns.TimeUs, TraceColumns.KindId, TraceColumns.Id, TraceColumns.Parent,
                TraceColumns.SenderId, TraceColumns.ReceiverId, TraceColumns.TypeId, TraceColumns.Bytes, TraceColumns.Round, TraceColumns.ReasonId)}
            {View(MetricsView, [TraceKind.Metric], TraceColumns.TimeUs, TraceColumns.EntityId, TraceColumns.Round, TraceColumns.NameId, TraceColumns.Value)}
            {View(FaultsView, [TraceKind.Fault], TraceColumns.TimeUs, TraceColumns.EntityId, TraceColumns.NameId, TraceColumns.DetailId)}
            """;
    }

    // A text column as its string (DuckDB lists count from 1), any other as it is. The kinds' numbers are
    // fixed, so the kind is looked up in a constant list: a filter on it then reaches the Parquet scan.
    private static string Column(Parquet.Schema.DataField field)
    {
        if (field == TraceColumns.KindId)
            return $"[{string.Join(", ", Enum.GetValues<TraceKind>().Select(k => $"'{k.Name()}'"))}][r.{field.Name} + 1] AS {TraceColumns.ShownName(field)}";
        return TraceColumns.TextFields.Contains(field) ? $"x.strings[r.{field.Name} + 1] AS {TraceColumns.ShownName(field)}" : $"r.{field.Name}";
    }

    private static string FirstLine(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "DuckDB refused the query";
}
