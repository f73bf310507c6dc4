using System.Diagnostics;
using MaLAM4Com.Cli.Config;
using MaLAM4Com.Cli.Scenarios;
using MaLAM4Com.Cli.Tracing;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Bench;

/// <summary>Figures of the trace benchmark at one population (sizes in bytes, times in wall seconds).</summary>
public sealed record TracePoint(
    int Agents,
    long JsonlBytes,
    long ParquetBytes,
    double JsonlWriteSeconds,
    double ParquetWriteSeconds,
    double JsonlWriteGcSeconds,
    double ParquetWriteGcSeconds,
    double JsonlRunSeconds,
    double ParquetRunSeconds,
    double SqlQuerySeconds,
    long SqlQueryRows,
    double SummarySeconds,
    long Records);

/// <summary>
/// The scale benchmark's lite round scenario (<see cref="ScaleBenchmark.Overrides"/>) run twice, once per trace
/// format, with the time each trace writer spends in its writes (on the trace thread, beside the simulation);
/// then <see cref="DropsPerLinkPerRound"/> through <c>trace sql</c> on the Parquet trace and <c>trace summary</c>
/// on the JSON Lines one. The traces go to a folder of their own and are deleted unless kept.
/// </summary>
public static class TraceBenchmark
{
    /// <summary>The query timed on the Parquet trace (also the README's first example).</summary>
    public const string DropsPerLinkPerRound =
        "SELECT round, sender, receiver, count(*) AS drops FROM messages WHERE kind = 'drop' GROUP BY ALL ORDER BY drops DESC, round, sender, receiver";

    public static TracePoint Run(int agents, int agentsPerEdge, int rounds, string traceDir, bool keepTraces, IReadOnlyList<string> extra, Action<string> progress)
    {
        Directory.CreateDirectory(traceDir);
        var paths = new Dictionary<TraceFormat, string>();
        var write = new Dictionary<TraceFormat, double>();
        var writeGc = new Dictionary<TraceFormat, double>();
        var run = new Dictionary<TraceFormat, double>();
        try
        {
            foreach (var format in Enum.GetValues<TraceFormat>())
            {
                var path = paths[format] = Path.Combine(traceDir, $"traces-{agents}.{format.Name()}");
                progress($"{agents:N0} agents: run with a {format.Name()} trace");
                var settings = SettingsLoader.Load(null, [.. ScaleBenchmark.Overrides(agents, agentsPerEdge, rounds), .. extra,
                    "trace.enabled=true", $"trace.format={format.Name()}", $"trace.path=\"{path}\""]);
                TimedTraceSink? sink = null;
                var wall = Stopwatch.StartNew();
                ScenarioRunner.Run(settings, () => sink = new TimedTraceSink(Commands.RunCommand.OpenTrace(settings.Trace, CooperationScenario.Layout(settings.Scenario))), TextWriter.Null);
                run[format] = wall.Elapsed.TotalSeconds;
                write[format] = sink?.Elapsed.TotalSeconds ?? 0;
                writeGc[format] = sink?.GcPauses.TotalSeconds ?? 0;
            }
            progress($"{agents:N0} agents: trace sql and trace summary");
            var sql = Stopwatch.StartNew();
            long rows = TraceSql.Query(paths[TraceFormat.Parquet], DropsPerLinkPerRound, SqlResultFormat.Csv, TextWriter.Null);
            double sqlSeconds = sql.Elapsed.TotalSeconds;
            var summaryTime = Stopwatch.StartNew();
            var summary = TraceSummary.Of(TraceFile.Read(paths[TraceFormat.Jsonl]));
            summary.WriteText(TextWriter.Null, 10);
            double summarySeconds = summaryTime.Elapsed.TotalSeconds;
            return new TracePoint(agents, new FileInfo(paths[TraceFormat.Jsonl]).Length, new FileInfo(paths[TraceFormat.Parquet]).Length,
                write[TraceFormat.Jsonl], write[TraceFormat.Parquet], writeGc[TraceFormat.Jsonl], writeGc[TraceFormat.Parquet], run[TraceFormat.Jsonl], run[TraceFormat.Parquet], sqlSeconds, rows, summarySeconds, summary.Records);
        }
        finally
        {
            if (!keepTraces)
            {
                foreach (var path in paths.Values.Where(File.Exists))
                    File.Delete(path);
            }
        }
    }
}
