using ScottPlot;

namespace MaLAM4Com.Cli.Reporting;

/// <summary>Plots drawn with ScottPlot as PNG bytes, for embedding in a report.</summary>
public static class PlotImage
{
    public const int Width = 900;
    public const int Height = 400;

    /// <summary>Lines with markers, one per series, with a legend right of the plot.</summary>
    public static byte[] Lines(string title, string xLabel, string yLabel, IReadOnlyList<PlotSeries> series)
    {
        var plot = new Plot();
        foreach (var s in series)
        {
            var line = plot.Add.Scatter(s.X, s.Y);
            line.LegendText = s.Label;
            line.MarkerSize = s.X.Length > 60 ? 0 : 5;
        }
        return Render(plot, title, xLabel, yLabel, legend: true);
    }

    /// <summary>Events as markers on one row per category (a timeline).</summary>
    public static byte[] Timeline(string title, string xLabel, IReadOnlyList<(double X, string Category)> events)
    {
        var plot = new Plot();
        var categories = events.Select(e => e.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var (category, row) in categories.Select((c, i) => (c, (double)i)))
        {
            var xs = events.Where(e => e.Category == category).Select(e => e.X).ToArray();
            var markers = plot.Add.Markers(xs, xs.Select(_ => row).ToArray());
            markers.MarkerSize = 10;
        }
        plot.Axes.Left.SetTicks(categories.Select((_, i) => (double)i).ToArray(), categories.ToArray());
        plot.Axes.SetLimitsY(-0.5, categories.Count - 0.5);
        return Render(plot, title, xLabel, "", legend: false);
    }

    private static byte[] Render(Plot plot, string title, string xLabel, string yLabel, bool legend)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        if (legend)
            plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
