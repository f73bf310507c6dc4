using System.Data.Common;
using DuckDB.NET.Data;
using MaLAM4Com.Cli.Commands;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// SQL over a trace with DuckDB, in process. The trace is seen as views: <c>trace</c> (every record, the
/// columns of <see cref="TraceColumns"/> plus <c>seq</c>, its 0-based position in the file), <c>messages</c>
/// (send, deliver and drop records), <c>metrics</c> and <c>faults</c>, each with the columns its records use.
/// A Parquet trace is queried where it is; a JSON Lines trace is first converted to a temporary Parquet file.
/// A query DuckDB refuses is a <see cref="UsageException"/> with DuckDB's first line.
/// </summary>
public static class TraceSql
{
    public const string TraceView = "trace";
    public const string MessagesView = "messages";
    public const string MetricsView = "metrics";
    public const string FaultsView = "faults";

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
        static string Kinds(params TraceKind[] kinds) => string.Join(", ", kinds.Select(k => $"'{k.Name()}'"));
        static string Columns(params Parquet.Schema.DataField[] fields) => string.Join(", ", fields.Select(f => f.Name));
        var file = parquetPath.Replace("'", "''", StringComparison.Ordinal);
        return $"""
            CREATE VIEW {TraceView} AS SELECT file_row_number AS seq, {Columns([.. TraceColumns.Schema.DataFields])} FROM read_parquet('{file}', file_row_number = true);
            CREATE VIEW {MessagesView} AS SELECT seq, {Columns(TraceColumns.TimeUs, TraceColumns.Kind, TraceColumns.Id, TraceColumns.Parent, TraceColumns.Sender, TraceColumns.Receiver, TraceColumns.Type, TraceColumns.Bytes, TraceColumns.Round, TraceColumns.Reason)}
                FROM {TraceView} WHERE {TraceColumns.Kind.Name} IN ({Kinds(TraceKind.Send, TraceKind.Deliver, TraceKind.Drop)});
            CREATE VIEW {MetricsView} AS SELECT seq, {Columns(TraceColumns.TimeUs, TraceColumns.Entity, TraceColumns.Round, TraceColumns.Name, TraceColumns.Value)}
                FROM {TraceView} WHERE {TraceColumns.Kind.Name} = {Kinds(TraceKind.Metric)};
            CREATE VIEW {FaultsView} AS SELECT seq, {Columns(TraceColumns.TimeUs, TraceColumns.Entity, TraceColumns.Name, TraceColumns.Detail)}
                FROM {TraceView} WHERE {TraceColumns.Kind.Name} = {Kinds(TraceKind.Fault)};
            """;
    }

    private static string FirstLine(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "DuckDB refused the query";
}
