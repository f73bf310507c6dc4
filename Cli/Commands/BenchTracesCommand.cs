using System.CommandLine;
using MaLAM4Com.Cli.Bench;

namespace MaLAM4Com.Cli.Commands;

/// <summary>
/// <c>malam4com bench traces</c>: the lite round scenario with a JSON Lines and with a Parquet trace: file sizes,
/// the writers' time, a SQL query on the Parquet trace and <c>trace summary</c> on the JSON Lines one.
/// </summary>
public static class BenchTracesCommand
{
    public static Command Create()
    {
        var agents = new Option<int>("--agents") { Description = "Population (a multiple of --agents-per-edge).", DefaultValueFactory = _ => 10_000 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds simulated per run.", DefaultValueFactory = _ => 5 };
        var perEdge = new Option<int>("--agents-per-edge") { Description = "Agents per edge coordinator.", DefaultValueFactory = _ => 1000 };
        var traceDir = new Option<string>("--trace-dir") { Description = "Folder for the traces (deleted after they are measured).", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "malam4com-bench-traces") };
        var keepTraces = new Option<bool>("--keep-traces") { Description = "Keep the traces in --trace-dir." };
        var set = new Option<string[]>("--set") { Description = "Override a config key of the scenario (repeatable), e.g. --set faults.loss.iid-rate=0.2." };
        var json = new Option<string?>("--json") { Description = "Also write the figures to this JSON file." };
        var command = new Command("traces", $"""
            The scale benchmark's lite round scenario, run once with trace.format = jsonl and once with parquet:
            the traces' sizes, the wall time each trace writer spends (on its own thread, beside the simulation)
            and how much of it the process was paused for garbage collection, each run's wall time,
            the time of 'trace sql' (drops per link per round) on the Parquet trace and of 'trace summary' on
            the JSON Lines one. The query:
              {TraceBenchmark.DropsPerLinkPerRound}
            Example:
              malam4com bench traces --agents 10000 --json traces.json
            """)
        {
            agents, rounds, perEdge, traceDir, keepTraces, set, json,
        };
        command.SetAction(parse =>
        {
            int n = Arguments.Positive(parse.GetValue(agents), "--agents");
            int r = Arguments.Positive(parse.GetValue(rounds), "--rounds");
            int edge = Arguments.Positive(parse.GetValue(perEdge), "--agents-per-edge");
            if (n % edge != 0)
                throw new UsageException($"--agents: {n} is not a multiple of --agents-per-edge ({edge})");
            var progress = ProgressReporter.For(parse);
            var figures = BenchHeader.For(parse);
            var p = TraceBenchmark.Run(n, edge, r, parse.GetValue(traceDir)!, parse.GetValue(keepTraces), parse.GetValue(set) ?? [], progress.Line);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"{p.Agents:N0} agents, {p.Records:N0} records");
            output.WriteLine($"{"format",8} {"bytes",14} {"write s",8} {"of it GC",9} {"run s",8}");
            output.WriteLine($"{"jsonl",8} {p.JsonlBytes,14:N0} {p.JsonlWriteSeconds,8:F2} {p.JsonlWriteGcSeconds,9:F2} {p.JsonlRunSeconds,8:F2}");
            output.WriteLine($"{"parquet",8} {p.ParquetBytes,14:N0} {p.ParquetWriteSeconds,8:F2} {p.ParquetWriteGcSeconds,9:F2} {p.ParquetRunSeconds,8:F2}");
            output.WriteLine($"trace sql (drops per link per round, {p.SqlQueryRows:N0} rows) on the Parquet trace: {p.SqlQuerySeconds:F2} s; trace summary on the JSON Lines trace: {p.SummarySeconds:F2} s");
            if (parse.GetValue(json) is { } jsonPath)
            {
                figures["agents"] = p.Agents;
                figures["rounds"] = r;
                figures["records"] = p.Records;
                figures["jsonl_bytes"] = p.JsonlBytes;
                figures["parquet_bytes"] = p.ParquetBytes;
                figures["jsonl_write_s"] = p.JsonlWriteSeconds;
                figures["parquet_write_s"] = p.ParquetWriteSeconds;
                figures["jsonl_write_gc_s"] = p.JsonlWriteGcSeconds;
                figures["parquet_write_gc_s"] = p.ParquetWriteGcSeconds;
                figures["jsonl_run_s"] = p.JsonlRunSeconds;
                figures["parquet_run_s"] = p.ParquetRunSeconds;
                figures["sql_query_s"] = p.SqlQuerySeconds;
                figures["sql_query_rows"] = p.SqlQueryRows;
                figures["summary_s"] = p.SummarySeconds;
                Arguments.WriteJson(jsonPath, figures);
            }
            return 0;
        });
        return command;
    }
}
