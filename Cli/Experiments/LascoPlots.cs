using MaLAM4Com.Models;
using ScottPlot;

namespace MaLAM4Com.Cli.Experiments;

/// <summary>The LASCO experiment's PNG plots: test NMSE by region and method, and validation curves.</summary>
public static class LascoPlots
{
    public static IReadOnlyList<string> Write(LascoExperimentResult result, string directory) =>
    [
        NmseByRegion(result, Path.Combine(directory, "nmse_by_region.png")),
        .. result.Regions.Select(r => ValidationCurves(result, r, Path.Combine(directory, $"validation_curves_{r}.png"))),
        PretrainingCurves(result, Path.Combine(directory, "pretraining_curves.png")),
    ];

    private static string NmseByRegion(LascoExperimentResult result, string path)
    {
        var plot = new Plot();
        var regions = result.Regions.ToArray();
        foreach (var method in LascoMethods.All)
        {
            var line = plot.Add.Scatter(regions.Select(r => (double)r).ToArray(), regions.Select(r => result.Get(r, method).TestNmseDb).ToArray());
            line.LegendText = method.Key();
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            regions.Select(r => (double)r).ToArray(), regions.Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        return PlotFiles.Save(plot, "Test NMSE by held-out region", "region", "NMSE (dB)", path);
    }

    /// <summary>Validation NMSE per epoch of every adapting method on one held-out region (epoch 0 is before training).</summary>
    private static string ValidationCurves(LascoExperimentResult result, int region, string path)
    {
        var plot = new Plot();
        foreach (var method in LascoMethods.All.Where(m => m.Adapts()))
        {
            var curve = result.Get(region, method).Training!.ValidationNmseDb;
            var line = plot.Add.Scatter(Enumerable.Range(0, curve.Count).Select(e => (double)e).ToArray(), curve.ToArray());
            line.LegendText = method.Key();
            line.MarkerSize = 3;
        }
        return PlotFiles.Save(plot, $"Adaptation validation NMSE, region {region}", "epoch", "validation NMSE (dB)", path);
    }

    private static string PretrainingCurves(LascoExperimentResult result, string path)
    {
        var plot = new Plot();
        foreach (var model in new[] { result.Lam, result.Sam })
        {
            var curve = model.Training.ValidationNmseDb;
            var line = plot.Add.Scatter(Enumerable.Range(0, curve.Count).Select(e => (double)e).ToArray(), curve.ToArray());
            line.LegendText = model.Role.ToUpperInvariant();
        }
        return PlotFiles.Save(plot, "Pretraining validation NMSE (regions pooled)", "epoch", "validation NMSE (dB)", path);
    }
}
