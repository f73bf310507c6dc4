using System.Globalization;
using System.Net;
using System.Text.Json;
using MaLAM4Com.Actors;
using MaLAM4Com.Channels;
using MaLAM4Com.Cli.Tracing;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Reporting;

/// <summary>
/// Writes one self-contained HTML page about a run from its results directory: plots (PNG embedded
/// as base64, so the page needs no network or side files) of per-round NMSE, bytes, queue backlogs
/// and drops, the fault timeline, and the figures of summary.json. The trace is streamed once
/// (see <see cref="RunStatistics"/> for the memory bound). A section whose data is missing says so.
/// </summary>
public static class HtmlReportBuilder
{
    public const string TraceFileName = "trace.jsonl";
    public const string ParquetTraceFileName = "trace.parquet";
    public const string SummaryFileName = "summary.json";
    public const string ReportFileName = "report.html";
    public const string QueueMetricPrefix = "queue_";
    private const int MaxSummaryValueLength = 200;

    /// <summary>
    /// Writes the report (by default RESULTS_DIR/report.html) and returns its path. With
    /// <paramref name="pngDirectory"/>, every plot is also saved there as a PNG file (for READMEs and papers).
    /// </summary>
    public static string Build(string resultsDirectory, string? outputPath = null, Action<long, long>? onProgress = null, string? pngDirectory = null)
    {
        outputPath ??= Path.Combine(resultsDirectory, ReportFileName);
        var tracePath = TracePath(resultsDirectory);
        RunStatistics? stats = null;
        string? traceProblem = $"No {TraceFileName} or {ParquetTraceFileName} in {resultsDirectory}.";
        if (tracePath is not null)
        {
            stats = new RunStatistics();
            traceProblem = null;
            try
            {
                foreach (var e in TraceFile.Read(tracePath, onProgress))
                    stats.Add(e);
            }
            catch (TraceFormatException e)
            {
                traceProblem = $"The trace could not be read to its end; what precedes the error is shown. {e.Message}";
            }
        }
        return PartialFile.Write(outputPath, stream =>
        {
            using (var w = new PageWriter(new StreamWriter(stream), pngDirectory))
                WritePage(w, resultsDirectory, stats, traceProblem);
            return outputPath;
        });
    }

    /// <summary>The run's trace in a results directory: trace.jsonl, or else trace.parquet; null if neither is there.</summary>
    public static string? TracePath(string resultsDirectory) =>
        new[] { TraceFileName, ParquetTraceFileName }.Select(name => Path.Combine(resultsDirectory, name)).FirstOrDefault(File.Exists);

    private static void WritePage(TextWriter w, string resultsDirectory, RunStatistics? stats, string? traceProblem)
    {
        var name = Path.GetFileName(Path.GetFullPath(resultsDirectory).TrimEnd(Path.DirectorySeparatorChar));
        w.WriteLine($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>MaLAM4Com run report: {{E(name)}}</title>
            <style>
            body { font-family: sans-serif; margin: 2em auto; max-width: 960px; color: #222; }
            h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; }
            table { border-collapse: collapse; }
            td, th { border: 1px solid #ddd; padding: .25em .6em; text-align: left; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            .missing { color: #a33; font-style: italic; }
            img { max-width: 100%; }
            </style>
            </head>
            <body>
            <h1>Run report: {{E(name)}}</h1>
            """);
        if (stats is not null && traceProblem is not null)
            Missing(w, traceProblem);
        SummarySection(w, Path.Combine(resultsDirectory, SummaryFileName));
        Section(w, "nmse", "NMSE per round", stats, traceProblem, s => NmseSection(w, s));
        Section(w, "bytes", "Bytes per round", stats, traceProblem, s => BytesSection(w, s));
        Section(w, "queues", "Queue backlogs", stats, traceProblem, s => QueuesSection(w, s));
        Section(w, "drops", "Drops per round", stats, traceProblem, s => DropsSection(w, s));
        Section(w, "faults", "Fault timeline", stats, traceProblem, s => FaultsSection(w, s));
        Section(w, "metrics", "Other metrics", stats, traceProblem, s => OtherMetricsSection(w, s));
        Section(w, "totals", "Trace totals", stats, traceProblem, s => TotalsSection(w, s));
        w.WriteLine("</body>\n</html>");
    }

    private static void Section(TextWriter w, string id, string title, RunStatistics? stats, string? traceProblem, Action<RunStatistics> body)
    {
        w.WriteLine($"<section id=\"{id}\">\n<h2>{E(title)}</h2>");
        if (stats is null)
            Missing(w, traceProblem!);
        else
            body(stats);
        w.WriteLine("</section>");
    }

    private static void SummarySection(TextWriter w, string path)
    {
        w.WriteLine("<section id=\"summary\">\n<h2>Summary</h2>");
        if (!File.Exists(path))
            Missing(w, $"No {SummaryFileName} in this directory.");
        else
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    Missing(w, $"{SummaryFileName} is not a JSON object.");
                else
                    Table(w, ["figure", "value"], doc.RootElement.EnumerateObject().Select(p => new[] { p.Name, SummaryValue(p.Value) }));
            }
            catch (JsonException e)
            {
                Missing(w, $"{SummaryFileName} is not valid JSON: {e.Message}");
            }
        }
        w.WriteLine("</section>");
    }

    private static string SummaryValue(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return text.Length <= MaxSummaryValueLength ? text : text[..MaxSummaryValueLength] + "…";
    }

    private static void NmseSection(TextWriter w, RunStatistics s)
    {
        if (!s.Metrics.TryGetValue(CooperationMetrics.Nmse.Name, out var layers))
        {
            Missing(w, $"No {CooperationMetrics.Nmse} metric records in the trace.");
            return;
        }
        // Agents record linear NMSE; the mean over a layer's entities is converted to dB, as the run's own summary reports it.
        var series = layers.Select(l => Series($"{l.Key} mean", l.Value, a => ChannelMetrics.ToDb(a.Mean))).ToList();
        Image(w, "NMSE per round", PlotImage.Lines("Mean test NMSE per round", "round", "NMSE (dB)", series));
    }

    private static void BytesSection(TextWriter w, RunStatistics s)
    {
        var rounds = s.Totals.BytesByRound.Where(p => p.Key >= 0).ToList();
        if (rounds.Count == 0)
        {
            Missing(w, "No message records with a round in the trace.");
            return;
        }
        double[] x = rounds.Select(p => (double)p.Key).ToArray();
        Image(w, "Bytes per round", PlotImage.Lines("Bytes per round", "round", "bytes", [
            new PlotSeries("sent", x, rounds.Select(p => (double)p.Value.Sent).ToArray()),
            new PlotSeries("delivered", x, rounds.Select(p => (double)p.Value.Delivered).ToArray()),
            new PlotSeries("dropped", x, rounds.Select(p => (double)p.Value.Dropped).ToArray()),
        ]));
    }

    private static void QueuesSection(TextWriter w, RunStatistics s)
    {
        var queues = s.Metrics.Where(p => p.Key.StartsWith(QueueMetricPrefix, StringComparison.Ordinal)).ToList();
        if (queues.Count == 0)
            Missing(w, $"No {QueueMetricPrefix}* metric records in the trace.");
        foreach (var (name, layers) in queues)
        {
            var series = layers.SelectMany(l => new[]
            {
                Series($"{l.Key} mean", l.Value, a => a.Mean),
                Series($"{l.Key} max", l.Value, a => a.Max),
            }).ToList();
            Image(w, name, PlotImage.Lines($"{name} per round", "round", name, series));
        }
    }

    private static void DropsSection(TextWriter w, RunStatistics s)
    {
        var rounds = s.Totals.BytesByRound.Keys.Where(r => r >= 0).ToList();
        if (rounds.Count == 0)
        {
            Missing(w, "No message records with a round in the trace.");
            return;
        }
        if (s.DropsByReason.Count == 0)
        {
            w.WriteLine("<p>No message was dropped.</p>");
            return;
        }
        double[] x = rounds.Select(r => (double)r).ToArray();
        var series = s.DropsByReason.Select(p => new PlotSeries(p.Key, x, rounds.Select(r => (double)p.Value.GetValueOrDefault(r)).ToArray())).ToList();
        Image(w, "Drops per round by reason", PlotImage.Lines("Drops per round by reason", "round", "messages dropped", series));
    }

    private static void FaultsSection(TextWriter w, RunStatistics s)
    {
        if (s.FaultCount == 0)
        {
            w.WriteLine("<p>No fault records in the trace.</p>");
            return;
        }
        Image(w, "Fault timeline", PlotImage.Timeline("Fault timeline", "simulated time (s)",
            s.Faults.Select(f => (f.TimeUs / 1e6, f.Name!)).ToList()));
        if (s.FaultCount > s.Faults.Count)
            w.WriteLine($"<p>The first {s.Faults.Count} of {s.FaultCount} faults:</p>");
        Table(w, ["time", "entity", "fault", "detail"],
            s.Faults.Select(f => new[] { SimTimeText.Format(f.TimeUs), f.Entity ?? "(network)", f.Name!, f.Detail ?? "" }));
    }

    private static void OtherMetricsSection(TextWriter w, RunStatistics s)
    {
        var others = s.Metrics.Where(p => p.Key != CooperationMetrics.Nmse.Name && !p.Key.StartsWith(QueueMetricPrefix, StringComparison.Ordinal)).ToList();
        if (others.Count == 0)
            w.WriteLine("<p>None.</p>");
        foreach (var (name, layers) in others)
            Image(w, name, PlotImage.Lines($"{name} per round (mean over each layer)", "round", name, MeanSeries(layers)));
        if (s.MetricsSkipped > 0)
            w.WriteLine($"<p>{s.MetricsSkipped} metric records without a round, or beyond {RunStatistics.MaxMetricNames} metric names, are not plotted.</p>");
    }

    private static void TotalsSection(TextWriter w, RunStatistics s)
    {
        Table(w, ["records (ev)", "count"], s.Totals.ByOutcome.Select(p => new[] { p.Key.Name(), N(p.Value) }));
        w.WriteLine("<p></p>");
        Table(w, ["message type", "sent", "delivered", "dropped"],
            s.Totals.MessagesByType.Select(p => new[] { p.Key, N(p.Value.Sent), N(p.Value.Delivered), N(p.Value.Dropped) }));
    }

    private static List<PlotSeries> MeanSeries(SortedDictionary<string, SortedDictionary<int, RoundAggregate>> layers) =>
        layers.Select(l => Series(l.Key, l.Value, a => a.Mean)).ToList();

    private static PlotSeries Series(string label, SortedDictionary<int, RoundAggregate> rounds, Func<RoundAggregate, double> value) =>
        new(label, rounds.Keys.Select(r => (double)r).ToArray(), rounds.Values.Select(value).ToArray());

    private static void Image(TextWriter w, string alt, byte[] png)
    {
        if (w is PageWriter { PngDirectory: { } dir })
        {
            Directory.CreateDirectory(dir);
            var slug = new string(alt.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray()).Trim('_');
            File.WriteAllBytes(Path.Combine(dir, slug + ".png"), png);
        }
        w.WriteLine($"<p><img alt=\"{E(alt)}\" width=\"{PlotImage.Width}\" height=\"{PlotImage.Height}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"></p>");
    }

    /// <summary>The page's writer, which also knows where plots go as files, if anywhere.</summary>
    private sealed class PageWriter(TextWriter inner, string? pngDirectory) : TextWriter
    {
        public string? PngDirectory { get; } = pngDirectory;

        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void Write(string? value) => inner.Write(value);

        public override void WriteLine(string? value) => inner.WriteLine(value);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }

    private static void Missing(TextWriter w, string text) => w.WriteLine($"<p class=\"missing\">{E(text)}</p>");

    private static void Table(TextWriter w, string[] headers, IEnumerable<string[]> rows)
    {
        w.WriteLine("<table>");
        w.WriteLine("<tr>" + string.Concat(headers.Select(h => $"<th>{E(h)}</th>")) + "</tr>");
        foreach (var row in rows)
            w.WriteLine("<tr>" + string.Concat(row.Select(c => IsNumber(c) ? $"<td class=\"n\">{E(c)}</td>" : $"<td>{E(c)}</td>")) + "</tr>");
        w.WriteLine("</table>");
    }

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
