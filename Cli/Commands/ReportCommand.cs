using System.CommandLine;
using MaLAM4Com.Cli.Reporting;

namespace MaLAM4Com.Cli.Commands;

/// <summary><c>malam4com report RESULTS_DIR</c>: one self-contained HTML page about a run.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var directory = InputPath.Argument("RESULTS_DIR", $"A run's results directory (with {HtmlReportBuilder.TraceFileName} or {HtmlReportBuilder.ParquetTraceFileName} and, if any, {HtmlReportBuilder.SummaryFileName}).");
        var output = new Option<string>("--output", "-o") { Description = $"Where to write the page (default RESULTS_DIR/{HtmlReportBuilder.ReportFileName})." };
        var png = new Option<string?>("--png") { Description = "Also save every plot as a PNG file in this folder." };
        var command = new Command("report", $"""
            Write one self-contained HTML page (plots embedded, no network needed) with per-round NMSE, bytes,
            queue backlogs, drops, the fault timeline and the figures of {HtmlReportBuilder.SummaryFileName}.
            The trace may be JSON Lines or Parquet (trace.format); {HtmlReportBuilder.TraceFileName} is read if both are there.
            --output must not name the run's trace or {HtmlReportBuilder.SummaryFileName}.
            Examples:
              malam4com report out/run-1
              malam4com report out/run-1 -o /tmp/run-1.html
              malam4com report results/run --png results/run/plots
            """);
        command.Arguments.Add(directory);
        command.Options.Add(output);
        command.Options.Add(png);
        command.SetAction(parse => CommandErrors.Guard(parse, () =>
        {
            var dir = InputPath.ExistingDirectory(parse.GetValue(directory), "results directory");
            string[] inputs = [HtmlReportBuilder.SummaryFileName, HtmlReportBuilder.TraceFileName, HtmlReportBuilder.ParquetTraceFileName];
            if (!inputs.Any(name => File.Exists(Path.Combine(dir, name))))
                throw new UsageException($"results directory '{dir}' holds none of {string.Join(", ", inputs)}: nothing to report; give the --out folder of a run");
            var target = OutputPath.WritableFile(parse.GetValue(output) ?? Path.Combine(dir, HtmlReportBuilder.ReportFileName), "--output");
            foreach (var trace in new[] { HtmlReportBuilder.TraceFileName, HtmlReportBuilder.ParquetTraceFileName })
                OutputPath.NotInput(target, "--output", Path.Combine(dir, trace), "the run's trace");
            OutputPath.NotInput(target, "--output", Path.Combine(dir, HtmlReportBuilder.SummaryFileName), "the run's summary");
            var progress = ProgressReporter.For(parse);
            var path = HtmlReportBuilder.Build(dir, target, (read, total) => progress.StepBytes(read, total, "reading trace"), parse.GetValue(png));
            progress.Done();
            parse.InvocationConfiguration.Output.WriteLine($"wrote {path}");
        }));
        return command;
    }
}
