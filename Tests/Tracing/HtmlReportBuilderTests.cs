using System.Text.RegularExpressions;
using MaLAM4Com.Cli.Reporting;

namespace MaLAM4Com.Tests.Tracing;

public sealed partial class HtmlReportBuilderTests : IDisposable
{
    private readonly SampleTrace _trace = new();

    public void Dispose() => _trace.Dispose();

    [GeneratedRegex("""<section id="([a-z]+)">""")]
    private static partial Regex SectionPattern();

    [GeneratedRegex("""<img alt="([^"]+)" width="\d+" height="\d+" src="data:image/png;base64,([A-Za-z0-9+/=]+)">""")]
    private static partial Regex ImagePattern();

    private static string SectionOf(string html, string id)
    {
        int start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public void EmbedsOnePngPlotPerFigureAndTheSummaryFigures()
    {
        File.WriteAllText(Path.Combine(_trace.Directory, "summary.json"), """{"rounds": 2, "final_nmse_db": -15.0, "scenario": "two edges", "config": {"seed": 7}}""");
        var html = File.ReadAllText(HtmlReportBuilder.Build(_trace.Directory));
        var images = ImagePattern().Matches(html).Select(m => (Alt: m.Groups[1].Value, Png: Convert.FromBase64String(m.Groups[2].Value))).ToList();
        Assert.Equal(["NMSE per round", "Bytes per round", "queue_bytes", "Drops per round by reason", "Fault timeline"], images.Select(i => i.Alt));
        Assert.All(images, i => Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], i.Png.Take(4)));
        Assert.Equal(["summary", "nmse", "bytes", "queues", "drops", "faults", "metrics", "totals"], SectionPattern().Matches(html).Select(m => m.Groups[1].Value));
        var summary = SectionOf(html, "summary");
        Assert.Contains("<tr><td>final_nmse_db</td><td class=\"n\">-15.0</td></tr>", summary);
        Assert.Contains("<tr><td>scenario</td><td>two edges</td></tr>", summary);
        Assert.Contains("{&quot;seed&quot;: 7}", summary);
        Assert.Contains("<td>partition-start</td><td>edges split from the cloud</td>", SectionOf(html, "faults"));
        Assert.DoesNotContain("http", html);
    }

    [Fact]
    public void SavesEachEmbeddedPlotAsAPngFileWhenAsked()
    {
        var pngs = Path.Combine(_trace.Directory, "plots");
        var html = File.ReadAllText(HtmlReportBuilder.Build(_trace.Directory, pngDirectory: pngs));
        var embedded = ImagePattern().Matches(html).Select(m => Convert.FromBase64String(m.Groups[2].Value)).ToList();
        var files = Directory.GetFiles(pngs, "*.png").Order().ToList();
        Assert.Equal(["bytes_per_round.png", "drops_per_round_by_reason.png", "fault_timeline.png", "nmse_per_round.png", "queue_bytes.png"], files.Select(Path.GetFileName));
        Assert.All(files, f => Assert.Contains(embedded, png => png.SequenceEqual(File.ReadAllBytes(f))));
    }

    [Fact]
    public void SaysWhatIsMissingInsteadOfFailing()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_trace.Directory, "empty")).FullName;
        var html = File.ReadAllText(HtmlReportBuilder.Build(empty));
        Assert.Empty(ImagePattern().Matches(html));
        Assert.Contains("No summary.json in this directory.", SectionOf(html, "summary"));
        foreach (var id in new[] { "nmse", "bytes", "queues", "drops", "faults", "metrics", "totals" })
            Assert.Contains($"No trace.jsonl or trace.parquet in {empty}.", SectionOf(html, id));
    }

    [Fact]
    public void ReportsAMetriclessTraceAndABrokenSummaryPerSection()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_trace.Directory, "messages-only")).FullName;
        File.WriteAllLines(Path.Combine(dir, "trace.jsonl"), File.ReadLines(_trace.Path).Where(l => !l.Contains("\"metric\"") && !l.Contains("\"fault\"")));
        File.WriteAllText(Path.Combine(dir, "summary.json"), "{ not json");
        var html = File.ReadAllText(HtmlReportBuilder.Build(dir));
        Assert.Contains("summary.json is not valid JSON", SectionOf(html, "summary"));
        Assert.Contains("No nmse metric records in the trace.", SectionOf(html, "nmse"));
        Assert.Contains("No queue_* metric records in the trace.", SectionOf(html, "queues"));
        Assert.Contains("No fault records in the trace.", SectionOf(html, "faults"));
        Assert.Single(ImagePattern().Matches(SectionOf(html, "bytes")));
    }

    [Fact]
    public void AMalformedTraceStillGivesAPageWithWhatPrecedesTheError()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_trace.Directory, "truncated")).FullName;
        File.WriteAllLines(Path.Combine(dir, "trace.jsonl"), File.ReadLines(_trace.Path).Take(30).Append("{\"t\": 5, \"ev\""));
        var html = File.ReadAllText(HtmlReportBuilder.Build(dir));
        Assert.Contains("The trace could not be read to its end", html);
        Assert.Contains("line 31", html);
        Assert.Single(ImagePattern().Matches(SectionOf(html, "bytes")));
    }

    [SkippableFact]
    public void HeadlessChromiumRendersEveryPlot()
    {
        var chromium = HeadlessChromium.Require();
        var report = HtmlReportBuilder.Build(_trace.Directory);
        // A copy with a probe script: after load, each image is drawn on a canvas and its dark pixels counted.
        var probe = Path.Combine(_trace.Directory, "probe.html");
        File.WriteAllText(probe, File.ReadAllText(report).Replace("</body>", """
            <script>
            window.addEventListener("load", () => {
              document.body.dataset.images = Array.from(document.images).map(img => {
                const canvas = document.createElement("canvas");
                canvas.width = img.naturalWidth;
                canvas.height = img.naturalHeight;
                const g = canvas.getContext("2d");
                g.drawImage(img, 0, 0);
                let ink = 0;
                if (canvas.width > 0) {
                  const d = g.getImageData(0, 0, canvas.width, canvas.height).data;
                  for (let k = 0; k < d.length; k += 4) if (d[k] < 200 || d[k + 1] < 200 || d[k + 2] < 200) ink++;
                }
                return img.naturalWidth + "x" + img.naturalHeight + ":" + ink;
              }).join(" ");
            });
            </script>
            </body>
            """));
        var dom = HeadlessChromium.DumpDom(chromium, probe);
        var images = Regex.Match(dom, """data-images="([^"]*)""").Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, images.Length);
        foreach (var image in images)
        {
            var parts = image.Split('x', ':');
            Assert.Equal((PlotImage.Width, PlotImage.Height), (int.Parse(parts[0]), int.Parse(parts[1])));
            Assert.True(int.Parse(parts[2]) > 1000, $"plot {image} is nearly blank");
        }
    }
}
