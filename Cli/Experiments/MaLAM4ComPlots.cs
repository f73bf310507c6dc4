using System.Globalization;
using MaLAM4Com.Channels;
using ScottPlot;

namespace MaLAM4Com.Cli.Experiments;

/// <summary>The MaLAM4Com experiment's PNG plots: NMSE per method per rho, bytes per round per method, the V sweep, the loss sweep and the dimension sweep.</summary>
public static class MaLAM4ComPlots
{
    public static IReadOnlyList<string> Write(MaLAM4ComResult r, string directory) =>
    [
        NmseByRho(r, Path.Combine(directory, "nmse_by_rho.png")),
        BytesPerRound(r, Path.Combine(directory, "bytes_per_round.png")),
        VSweep(r, Path.Combine(directory, "v_sweep.png")),
        FidelitySweep(r, ExperimentSweep.Loss, x => 100 * x, "NMSE under random link loss", "link loss rate (%)", Path.Combine(directory, "loss_sweep.png")),
        FidelitySweep(r, ExperimentSweep.Dimension, Math.Log2, "NMSE by the one embedding dimension agents share", "log2 of the dimension", Path.Combine(directory, "dimension_sweep.png")),
    ];

    private static string NmseByRho(MaLAM4ComResult r, string path)
    {
        var plot = new Plot();
        var x = r.Plan.Rhos.Select(rho => Math.Log2(rho)).ToArray();
        foreach (var method in r.Plan.Methods)
        {
            var line = plot.Add.Scatter(x, r.Plan.Rhos.Select(rho => r.Method(method, rho)?.NmseDb ?? double.NaN).ToArray());
            line.LegendText = method.Name;
        }
        if (r.GenieNmse.Count > 0)
        {
            var genie = plot.Add.Scatter(x, r.Plan.Rhos.Select(r.GenieMeanDb).ToArray());
            genie.LegendText = "genie LMMSE (reference)";
            genie.LinePattern = LinePattern.Dashed;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(x, r.Plan.Rhos.Select(SamplingRatio.Format).ToArray());
        return PlotFiles.Save(plot, "Agents' mean test NMSE after the last round", "sampling ratio rho", "NMSE (dB)", path);
    }

    private static string BytesPerRound(MaLAM4ComResult r, string path)
    {
        var plot = new Plot();
        var methods = r.Plan.Methods.ToArray();
        for (int i = 0; i < methods.Length; i++)
        {
            double bytes = r.Method(methods[i], r.Plan.SweepRho)?.Outcome?.BytesPerRound ?? 0;
            var bar = plot.Add.Bar(i, Math.Log10(Math.Max(1, bytes)));
            bar.LegendText = methods[i].Name;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            methods.Select((_, i) => (double)i).ToArray(), methods.Select(m => m.Name).ToArray());
        return PlotFiles.Save(plot, $"Cooperation bytes per round (rho {SamplingRatio.Format(r.Plan.SweepRho)})", "method", "log10 bytes per round", path);
    }

    // The sweeps plot what their claims judge: the region mean of the agents' last rounds.
    private static string VSweep(MaLAM4ComResult r, string path)
    {
        var plot = new Plot();
        var points = r.Sweep(ExperimentSweep.V).Where(p => p.Completed).ToList();
        var scenario = r.Settings.Scenario;
        // V = 0 sits one decade left of the smallest V > 0, on a tick of its own.
        double smallest = points.Where(p => p.V > 0).Select(p => p.V).DefaultIfEmpty(1).Min();
        var x = points.Select(p => p.V > 0 ? Math.Log10(p.V) : Math.Log10(smallest) - 1).ToArray();
        var nmse = plot.Add.Scatter(x, points.Select(p => p.RegionMeanDb(scenario, recent: true)).ToArray());
        nmse.LegendText = "region mean NMSE, last rounds (left)";
        var cost = plot.Add.Scatter(x, points.Select(p => p.MeanAgentCostBytes).ToArray());
        cost.LegendText = "average bytes per agent and round (right)";
        cost.LinePattern = LinePattern.Dashed;
        cost.Axes.YAxis = plot.Axes.Right;
        var budget = plot.Add.HorizontalLine(scenario.Cooperation.ByteBudget);
        budget.LegendText = "byte budget (right)";
        budget.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "bytes per agent and round";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(x, points.Select(p => p.V.ToString("G3", CultureInfo.InvariantCulture)).ToArray());
        return PlotFiles.Save(plot, "V sweep: NMSE and cost per agent against V", "V", "NMSE (dB)", path);
    }

    // One line per fidelity that ran the sweep.
    private static string FidelitySweep(MaLAM4ComResult r, ExperimentSweep sweep, Func<double, double> x, string title, string xLabel, string path)
    {
        var plot = new Plot();
        foreach (bool lite in r.HasLiteCheck ? [false, true] : new[] { false })
        {
            var points = r.Sweep(sweep, lite).Where(p => p.Completed).ToList();
            var line = plot.Add.Scatter(points.Select(p => x(p.Swept)).ToArray(), points.Select(p => p.RegionMeanDb(r.Settings.Scenario, recent: true)).ToArray());
            line.LegendText = $"MaLAM4Com{(lite ? ", lite fidelity" : "")}, region mean of the last rounds";
            if (lite)
                line.LinePattern = LinePattern.Dashed;
        }
        return PlotFiles.Save(plot, title, xLabel, "NMSE (dB)", path);
    }
}
