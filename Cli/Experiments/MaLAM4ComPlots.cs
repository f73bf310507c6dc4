using System.Globalization;
using MaLAM4Com.Channels;
using ScottPlot;

namespace MaLAM4Com.Cli.Experiments;

/// <summary>The MaLAM4Com experiment's PNG plots: NMSE per method per rho, bytes per round per method, the V sweep and the loss sweep.</summary>
public static class MaLAM4ComPlots
{
    public static IReadOnlyList<string> Write(MaLAM4ComResult r, string directory) =>
    [
        NmseByRho(r, Path.Combine(directory, "nmse_by_rho.png")),
        BytesPerRound(r, Path.Combine(directory, "bytes_per_round.png")),
        VSweep(r, Path.Combine(directory, "v_sweep.png")),
        LossSweep(r, Path.Combine(directory, "loss_sweep.png")),
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

    private static string VSweep(MaLAM4ComResult r, string path)
    {
        var plot = new Plot();
        var points = r.Sweep("v").Where(p => p.Completed).ToList();
        var cost = plot.Add.Scatter(points.Select(p => p.MeanAgentCostBytes).ToArray(), points.Select(p => p.NmseDb).ToArray());
        cost.LegendText = "MaLAM4Com (one point per V)";
        double budgetBytes = r.Settings.Scenario.Cooperation.ByteBudget;
        // Values of V that chose alike land on one point: one label names them all, on the side of the point away from the plot's edge.
        foreach (var same in points.GroupBy(p => (p.MeanAgentCostBytes, p.NmseDb)))
        {
            var label = plot.Add.Text("V=" + string.Join(", ", same.Select(p => p.V.ToString("G3", CultureInfo.InvariantCulture))), same.Key.MeanAgentCostBytes, same.Key.NmseDb);
            bool left = same.Key.MeanAgentCostBytes > budgetBytes / 2;
            label.LabelAlignment = left ? Alignment.MiddleRight : Alignment.MiddleLeft;
            label.OffsetX = left ? -6 : 6;
        }
        var budget = plot.Add.VerticalLine(budgetBytes);
        budget.LegendText = "byte budget";
        return PlotFiles.Save(plot, "V sweep: average cost per agent and round vs NMSE", "average bytes per agent and round", "NMSE (dB)", path);
    }

    private static string LossSweep(MaLAM4ComResult r, string path)
    {
        var plot = new Plot();
        var points = r.Sweep("loss").Where(p => p.Completed).ToList();
        var line = plot.Add.Scatter(points.Select(p => 100 * p.LossRate).ToArray(), points.Select(p => p.NmseDb).ToArray());
        line.LegendText = "MaLAM4Com";
        return PlotFiles.Save(plot, "NMSE under random link loss", "link loss rate (%)", "NMSE (dB)", path);
    }
}
