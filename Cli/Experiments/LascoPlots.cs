using MaLAM4Com.Models;
using ScottPlot;

namespace MaLAM4Com.Cli.Experiments;

/// <summary>
/// The LASCO experiment's PNG plots: test NMSE by region and method (with the per-region linear fit), validation
/// curves (per epoch for transformer SAMs, per ridge strength for linear ones) and the pretraining curves.
/// </summary>
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
        var reference = plot.Add.Scatter(regions.Select(r => (double)r).ToArray(), regions.Select(r => result.LinearFitNmseDb[r]).ToArray());
        reference.LegendText = "linear_fit (reference)";
        reference.LinePattern = LinePattern.Dashed;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            regions.Select(r => (double)r).ToArray(), regions.Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        return PlotFiles.Save(plot, "Test NMSE by held-out region", "region", "NMSE (dB)", path);
    }

    /// <summary>
    /// Validation NMSE of every adapting method on one held-out region: per epoch for transformer SAMs (epoch 0 is
    /// before training), per ridge strength (log10 of the relative lambda) for linear ones.
    /// </summary>
    private static string ValidationCurves(LascoExperimentResult result, int region, string path)
    {
        var plot = new Plot();
        bool linear = result.Sam.Family == SamFamily.Linear;
        foreach (var method in LascoMethods.All.Where(m => m.Adapts()))
        {
            var adapted = result.Get(region, method);
            var curve = linear ? adapted.Ridge!.ValidationNmseDb : adapted.Training!.ValidationNmseDb;
            var x = linear
                ? MaLAM4Com.Models.Cooperation.LinearFit.LambdaGrid.Select(Math.Log10).ToArray()
                : Enumerable.Range(0, curve.Count).Select(e => (double)e).ToArray();
            var line = plot.Add.Scatter(x, curve.ToArray());
            line.LegendText = method.Key();
            line.MarkerSize = 3;
        }
        return PlotFiles.Save(plot, $"Adaptation validation NMSE, region {region}", linear ? "log10 relative ridge strength" : "epoch", "validation NMSE (dB)", path);
    }

    private static string PretrainingCurves(LascoExperimentResult result, string path)
    {
        var plot = new Plot();
        // A linear SAM has no training course: only the networks' curves.
        var curves = new[] { ("LAM", result.Lam.Training), ("SAM", result.Sam.Training) };
        foreach (var (name, training) in curves)
        {
            if (training is null)
                continue;
            var curve = training.ValidationNmseDb;
            var line = plot.Add.Scatter(Enumerable.Range(0, curve.Count).Select(e => (double)e).ToArray(), curve.ToArray());
            line.LegendText = name;
        }
        return PlotFiles.Save(plot, "Pretraining validation NMSE (regions pooled)", "epoch", "validation NMSE (dB)", path);
    }
}
