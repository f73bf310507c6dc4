using MaLAM4Com.Channels;
using ScottPlot;

namespace MaLAM4Com.Cli.Commands;

/// <summary>Two side-by-side heatmaps of angular-delay magnitudes (rows: angle bins, columns: delay bins) saved as a PNG.</summary>
public static class AngularDelayPlot
{
    public static void Save(string path, CsiGeneratorSettings settings, string leftTitle, double[,] leftPower, string rightTitle, double[,] rightPower)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Draw(multiplot.GetPlot(0), settings, leftTitle, leftPower);
        Draw(multiplot.GetPlot(1), settings, rightTitle, rightPower);
        multiplot.SavePng(path, 1400, 600);
    }

    private static void Draw(Plot plot, CsiGeneratorSettings settings, string title, double[,] power)
    {
        int angles = power.GetLength(0), delays = power.GetLength(1);
        // Heatmap rows are drawn top-down; reverse them so sin(angle) grows upward.
        var magnitude = new double[angles, delays];
        for (int p = 0; p < angles; p++)
            for (int q = 0; q < delays; q++)
                magnitude[angles - 1 - p, q] = Math.Sqrt(power[p, q]);
        var heatmap = plot.Add.Heatmap(magnitude);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        // Angle bin p is spatial frequency (p - Nt/2) / Nt = d sin(theta); delay bin q is q / bandwidth.
        double binSin = 1.0 / (angles * settings.AntennaSpacingWavelengths);
        double low = -angles / 2 * binSin - binSin / 2;
        double binNs = 1e9 / settings.BandwidthHz;
        heatmap.Extent = new CoordinateRect(-binNs / 2, (delays - 0.5) * binNs, low, low + angles * binSin);
        plot.Add.ColorBar(heatmap).Label = "|H| (angular-delay)";
        plot.Title(title);
        plot.XLabel("delay (ns)");
        plot.YLabel("sin(departure angle)");
    }
}
