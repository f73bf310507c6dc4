using ScottPlot;

namespace MaLAM4Com.Cli.Experiments;

/// <summary>One look for every experiment plot: title, axis labels, legend on the right, 900 x 520 PNG.</summary>
public static class PlotFiles
{
    public const int Width = 900, Height = 520;

    public static string Save(Plot plot, string title, string x, string y, string path)
    {
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
        return path;
    }
}
