using System.CommandLine;
using MaLAM4Com.Cli.Tracing;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Commands;

/// <summary>
/// <c>malam4com trace summary|filter|follow|export|convert|sql FILE</c>: queries over a trace, JSON Lines or
/// Parquet (told apart by <see cref="TraceFile"/>; every query reads the same records from either).
/// </summary>
public static class TraceCommand
{
    public static Command Create()
    {
        var trace = new Command("trace", """
            Query a trace, JSON Lines or Parquet (streamed: any size, bounded memory).
            Examples:
              malam4com trace summary out/trace.jsonl
              malam4com trace filter out/trace.parquet --outcome dropped --format table
              malam4com trace convert out/trace.jsonl out/trace.parquet
              malam4com trace sql out/trace.parquet "SELECT reason, count(*) FROM messages WHERE kind = 'drop' GROUP BY reason"
            """);
        trace.Subcommands.Add(Summary());
        trace.Subcommands.Add(Filter());
        trace.Subcommands.Add(Follow());
        trace.Subcommands.Add(Export());
        trace.Subcommands.Add(Convert());
        trace.Subcommands.Add(Sql());
        return trace;
    }

    private static Argument<string> FileArgument() => InputPath.Argument("FILE", "The trace of a run, JSON Lines or Parquet.");

    private static Command Summary()
    {
        var file = FileArgument();
        var top = new Option<int>("--top") { Description = "How many links to list by drops (at least 1).", DefaultValueFactory = _ => 10 };
        var command = new Command("summary", """
            Counts by message type, outcome and drop reason; bytes by layer and round; top links by drops.
            Example:
              malam4com trace summary out/trace.jsonl --top 20
            """);
        command.Arguments.Add(file);
        command.Options.Add(top);
        command.SetAction(parse => CommandErrors.Guard(parse, () =>
        {
            var path = InputPath.ExistingFile(parse.GetValue(file), "trace file");
            int links = Arguments.Positive(parse.GetValue(top), "--top");
            var progress = ProgressReporter.For(parse);
            var summary = TraceSummary.Of(TraceFile.Read(path, (read, total) => progress.StepBytes(read, total, "reading trace")));
            progress.Done();
            summary.WriteText(parse.InvocationConfiguration.Output, links);
        }));
        return command;
    }

    private static Command Filter()
    {
        var file = FileArgument();
        var agent = new Option<string>("--agent") { Description = "Entity as sender, receiver or metric/fault entity: agent-17, edge-0, cloud; a-17 abbreviates agent-17." };
        var type = new Option<string>("--type") { Description = "Message type (e.g. Embedding), or metric or fault name (e.g. nmse_db, link-down)." };
        var from = new Option<string>("--from") { Description = "Earliest simulated time, inclusive: 10s, 250ms, 1500us (bare numbers are µs)." };
        var to = new Option<string>("--to") { Description = "Latest simulated time, inclusive, same units as --from; not before --from." };
        var outcome = new Option<string>("--outcome") { Description = "send|deliver|drop|metric|fault (or sent, delivered, dropped)." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "table");
        var command = new Command("filter", """
            Print the records that match every given criterion, as JSON Lines (default) or a table.
            Examples:
              malam4com trace filter out/trace.jsonl --agent agent-17 --type Embedding --from 10s --to 20s --outcome dropped
              malam4com trace filter out/trace.jsonl --outcome fault --format table
            """);
        command.Arguments.Add(file);
        foreach (var option in new[] { agent, type, from, to, outcome, format })
            command.Options.Add(option);
        command.SetAction(parse => CommandErrors.Guard(parse, () =>
        {
            var path = InputPath.ExistingFile(parse.GetValue(file), "trace file");
            var (fromText, toText) = (parse.GetValue(from), parse.GetValue(to));
            var (earliest, latest) = (Time(fromText, "--from"), Time(toText, "--to"));
            if (earliest > latest)
                throw new UsageException($"--from '{fromText}' is after --to '{toText}': no record could match; give --to at or after --from");
            var filter = new TraceFilter(parse.GetValue(agent), parse.GetValue(type), earliest, latest, Outcome(parse.GetValue(outcome)));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "table")
            {
                var table = new TraceTableWriter(output);
                foreach (var e in filter.Apply(TraceFile.Read(path)))
                    table.Write(e);
            }
            else
            {
                using var json = new TraceEntryJson(output);
                foreach (var e in filter.Apply(TraceFile.Read(path)))
                    json.Write(e);
            }
        }));
        return command;
    }

    private static Command Follow()
    {
        var file = FileArgument();
        var message = new Option<long>("--message") { Description = "The message id (the \"id\" key of its records).", Required = true };
        var max = new Option<int>("--max") { Description = "Most descendants to collect (at least 1).", DefaultValueFactory = _ => 10_000 };
        var command = new Command("follow", """
            The causal chain of a message: its ancestors (via "parent") and descendants, as an indented tree.
            Example:
              malam4com trace follow out/trace.jsonl --message 4294967300
            """);
        command.Arguments.Add(file);
        command.Options.Add(message);
        command.Options.Add(max);
        command.SetAction(parse => CommandErrors.Guard(parse, () =>
        {
            var path = InputPath.ExistingFile(parse.GetValue(file), "trace file");
            var id = parse.GetValue(message);
            var chain = CausalChain.Follow(path, id, Arguments.Positive(parse.GetValue(max), "--max"))
                ?? throw new UsageException($"message {id} is not in '{path}'");
            chain.Write(parse.InvocationConfiguration.Output);
        }));
        return command;
    }

    private static Command Export()
    {
        var file = FileArgument();
        var chrome = new Option<string>("--chrome") { Description = "Where to write Chrome Trace Event JSON (open it in ui.perfetto.dev or chrome://tracing).", Required = true };
        var command = new Command("export", """
            Convert the trace to Chrome Trace Event JSON: a process per layer, a thread per entity, message arrows, counters, faults.
            --chrome must not name the trace itself; it is checked before the trace is read.
            Example:
              malam4com trace export out/trace.jsonl --chrome out/trace.chrome.json
            """);
        command.Arguments.Add(file);
        command.Options.Add(chrome);
        command.SetAction(parse => CommandErrors.Guard(parse, () =>
        {
            var path = InputPath.ExistingFile(parse.GetValue(file), "trace file");
            var target = OutputPath.WritableFile(parse.GetValue(chrome)!, "--chrome");
            OutputPath.NotInput(target, "--chrome", path, "the trace being exported");
            var progress = ProgressReporter.For(parse);
            long events = ChromeTraceExporter.Export(path, target, (read, total) => progress.StepBytes(read, total, "converting"));
            progress.Done();
            parse.InvocationConfiguration.Output.WriteLine($"wrote {events} events to {target}");
        }));
        return command;
    }

    private static Command Convert()
    {
        var input = InputPath.Argument("IN", "The trace to convert, JSON Lines or Parquet.");
        var output = new Argument<string>("OUT") { Description = "Where to write it: a .jsonl or .parquet file (the extension chooses the format)." };
        var command = new Command("convert", """
            Write a trace in the format that OUT's extension names: .parquet (typed, Zstd-compressed columns)
            or .jsonl. Records keep their order; a JSON Lines trace converted to Parquet and back is the same
            file byte for byte. OUT is written as OUT.partial and renamed; it must not be IN.
            Examples:
              malam4com trace convert out/trace.jsonl out/trace.parquet
              malam4com trace convert out/trace.parquet out/trace.jsonl
            """);
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        command.SetAction(parse => CommandErrors.Guard(parse, () =>
        {
            var path = InputPath.ExistingFile(parse.GetValue(input), "trace file");
            var target = OutputPath.WritableFile(parse.GetValue(output)!, "OUT");
            var format = TraceFormats.OfExtension(target)
                ?? throw new UsageException($"OUT '{target}': the extension must be .{string.Join(" or .", TraceFormats.Names)}, which chooses the format");
            OutputPath.NotInput(target, "OUT", path, "the trace being converted");
            var progress = ProgressReporter.For(parse);
            long records = TraceConverter.Convert(path, target, format, (read, total) => progress.StepBytes(read, total, "converting"));
            progress.Done();
            parse.InvocationConfiguration.Output.WriteLine($"wrote {records} records to {target} ({format.Name()})");
        }));
        return command;
    }

    private static Command Sql()
    {
        var file = FileArgument();
        var query = new Argument<string>("QUERY") { Description = "One SQL statement (DuckDB's dialect)." };
        var format = new Option<string>("--format") { Description = "Output format: an aligned table, CSV or JSON Lines (an object per row).", DefaultValueFactory = _ => SqlResultFormat.Table.Name() };
        format.AcceptOnlyFromAmong([.. SqlResultFormats.Names]);
        var command = new Command("sql", $"""
            Run SQL on a trace with DuckDB. The trace is seen as views:
              {TraceSql.MessagesView}  send, deliver and drop records: seq, time_us, kind, id, parent, sender, receiver, type, bytes, round, reason
              {TraceSql.MetricsView}   metric records: seq, time_us, entity, round, name, value
              {TraceSql.FaultsView}    fault records: seq, time_us, entity, name, detail
              {TraceSql.TraceView}     every record, all of those columns (null where a record has none)
            seq is a record's 0-based position in the file; time_us is simulated µs. A Parquet trace is read
            where it is; a JSON Lines one is converted to a temporary Parquet file first. A query DuckDB
            refuses is an error (exit code 2).
            Examples:
              malam4com trace sql out/trace.parquet "SELECT round, sender, receiver, count(*) AS drops FROM messages WHERE kind = 'drop' GROUP BY ALL ORDER BY ALL"
              malam4com trace sql out/trace.parquet "SELECT name, round, avg(value) FROM metrics GROUP BY ALL ORDER BY ALL" --format csv
            """);
        command.Arguments.Add(file);
        command.Arguments.Add(query);
        command.Options.Add(format);
        command.SetAction(parse => CommandErrors.Guard(parse, () =>
        {
            var path = InputPath.ExistingFile(parse.GetValue(file), "trace file");
            TraceSql.Query(path, parse.GetValue(query)!, SqlResultFormats.Parse(parse.GetValue(format)!), parse.InvocationConfiguration.Output);
        }));
        return command;
    }

    private static long? Time(string? text, string option) =>
        text is null ? null
        : SimTimeText.TryParseMicroseconds(text, out long us) && us >= 0 ? us
        : throw new UsageException($"{option} '{text}' is not a time: a non-negative simulated time (examples: 10s, 250ms, 1500us)");

    private static TraceKind? Outcome(string? text) =>
        text is null ? null
        : TraceFilter.TryParseOutcome(text, out var kind) ? kind
        : throw new UsageException($"--outcome '{text}' is not one of send, deliver, drop, metric, fault, sent, delivered, dropped");
}
