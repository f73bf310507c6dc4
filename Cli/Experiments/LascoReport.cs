using System.Globalization;
using System.Text;
using System.Text.Json;
using MaLAM4Com.Channels;
using MaLAM4Com.Cli.Reporting;
using MaLAM4Com.Models;
using MathNet.Numerics.Statistics;

namespace MaLAM4Com.Cli.Experiments;

/// <summary>
/// Writes a LASCO experiment's results: <c>results.md</c> (tables and the claims checked),
/// <c>results.csv</c> (one row per region and method, and the per-region linear fit's as method <c>linear_fit</c>),
/// <c>summary.json</c> (<c>nmse_db[region][method]</c>, alphas, per-method figures, the per-region linear fit and
/// each method's gap to it) and the PNG plots of <see cref="LascoPlots"/>.
/// </summary>
public static class LascoReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes every file into <paramref name="directory"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Write(LascoExperimentResult result, double rho, string command, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>
        {
            WriteText(directory, "results.md", Markdown(result, rho, command)),
            WriteText(directory, "results.csv", Csv(result)),
            WriteText(directory, "summary.json", JsonSerializer.Serialize(Summary(result, rho, command), Commands.Arguments.Indented)),
        };
        files.AddRange(LascoPlots.Write(result, directory));
        return files;
    }

    public static Dictionary<string, object> Summary(LascoExperimentResult result, double rho, string command)
    {
        var methods = LascoMethods.All;
        Dictionary<string, Dictionary<string, double>> ByRegion(Func<AdaptationResult, double> value) =>
            result.Regions.ToDictionary(r => Key(r), r => methods.ToDictionary(m => m.Key(), m => Round(value(result.Get(r, m)))));
        Dictionary<string, double> PerMethod(Func<LascoMethod, double> value) => methods.ToDictionary(m => m.Key(), m => Round(value(m)));
        bool linear = result.Sam.Family == SamFamily.Linear;
        var summary = new Dictionary<string, object>
        {
            ["command"] = command,
            ["preset"] = result.Settings.Preset.Name,
            ["sam_family"] = result.Sam.Family.Key(),
            ["rho"] = SamplingRatio.Format(rho),
            ["train_samples"] = result.Settings.TrainSamples,
            ["nmse_db"] = ByRegion(r => r.TestNmseDb),
            ["gcs"] = ByRegion(r => r.TestGcs),
            ["alpha"] = result.Regions.ToDictionary(r => Key(r), r => Round(result.Get(r, LascoMethod.ELasco).Alpha ?? double.NaN)),
            ["mean_nmse_db"] = PerMethod(result.MeanNmseDb),
            ["mean_gcs"] = PerMethod(m => Mean(result, m, r => r.TestGcs)),
            ["linear_fit_nmse_db"] = result.Regions.ToDictionary(r => Key(r), r => Round(result.LinearFitNmseDb[r])),
            ["mean_linear_fit_nmse_db"] = Round(result.MeanLinearFitNmseDb),
            ["gap_to_linear_fit_db"] = PerMethod(result.GapToLinearFitDb),
        };
        if (linear)
            summary["ridge_lambda"] = result.Regions.ToDictionary(r => Key(r),
                r => methods.Where(m => m.Adapts()).ToDictionary(m => m.Key(), m => result.Get(r, m).Ridge!.RelativeLambda));
        else
            summary["mean_epochs_to_converge"] = PerMethod(m => Mean(result, m, r => r.EpochsToConverge));
        summary["trainable_parameters"] = methods.ToDictionary(m => m.Key(), m => result.Results.First(r => r.Method == m).TrainableParameters);
        summary["infer_ms_64_users"] = PerMethod(m => Mean(result, m, r => r.InferenceMsPer64Users));
        summary["lam_parameters"] = result.Lam.Settings.ParameterCount;
        summary["sam_parameters"] = result.Sam.ParameterCount;
        summary["lam_flops_per_sample"] = result.Lam.Settings.FlopsPerSample;
        summary["sam_flops_per_sample"] = result.Sam.FlopsPerSample;
        summary["claims"] = Claims(result).ToDictionary(c => c.Name, c => (object)new { c.Holds, c.Detail });
        summary["paired_nmse_db"] = result.Regions.Count() < 2 ? new Dictionary<string, object>() : ComparedPairs.ToDictionary(
            p => $"{p.First.Key()}_minus_{p.Second.Key()}",
            p => PairedJson(result.Compare(p.First, p.Second)));
        summary["elapsed_s"] = Math.Round(result.Elapsed.TotalSeconds);
        return summary;
    }

    /// <summary>
    /// The comparisons the claims make between two adapted methods. A mean over ten regions can lean
    /// 0.02 dB either way by chance; their region-by-region spread says whether it does.
    /// </summary>
    private static readonly (LascoMethod First, LascoMethod Second)[] ComparedPairs =
        [(LascoMethod.ELasco, LascoMethod.Lasco), (LascoMethod.Lasco, LascoMethod.BaselineA), (LascoMethod.Lasco, LascoMethod.SamFinetune)];

    // A claim that one method beats another needs the regions to resolve it by at least the hundredth of a dB the report
    // prints: LASCO and Baseline A are one estimator, whose float rounding differs by ten-thousandths of a dB between builds.
    private const double SmallestDifferenceDb = 0.01;

    /// <summary>The claims for the default preset, each checked against the measured numbers.</summary>
    public static IReadOnlyList<(string Name, bool Holds, string Detail)> Claims(LascoExperimentResult result)
    {
        var regions = result.Regions.ToList();
        int beats = regions.Count(r =>
            result.Get(r, LascoMethod.Lasco).TestNmseDb < Math.Min(result.Get(r, LascoMethod.Lam).TestNmseDb, result.Get(r, LascoMethod.Sam).TestNmseDb));
        double lasco = result.MeanNmseDb(LascoMethod.Lasco), elasco = result.MeanNmseDb(LascoMethod.ELasco);
        double baselineA = result.MeanNmseDb(LascoMethod.BaselineA), finetune = result.MeanNmseDb(LascoMethod.SamFinetune);
        int needed = (int)Math.Ceiling(0.8 * regions.Count);
        bool Beats(LascoMethod first, LascoMethod second) => regions.Count < 2
            ? result.MeanNmseDb(first) <= result.MeanNmseDb(second) - SmallestDifferenceDb
            : result.Compare(first, second).FirstLowerBy(SmallestDifferenceDb);
        string Paired(LascoMethod first, LascoMethod second, string firstName, string secondName)
        {
            if (regions.Count < 2)
                return "";
            var d = result.Compare(first, second);
            return $"; per region {firstName} minus {secondName}: mean {d.Mean.ToString(SignedFormat.Hundredths, Invariant)} dB, "
                + $"standard error {d.StandardError.ToString("F2", Invariant)} dB, {firstName} lower on {d.FirstLower} of {d.Pairs}"
                + (d.Tie(SmallestDifferenceDb) ? ": a tie" : "");
        }
        return
        [
            ("lasco_beats_lam_and_sam", beats >= needed, $"LASCO beats both the pre-trained LAM and SAM on {beats} of {regions.Count} regions (needed {needed})"),
            ("elasco_no_worse_than_lasco", !Beats(LascoMethod.Lasco, LascoMethod.ELasco), $"mean NMSE E-LASCO {F(elasco)} dB vs LASCO {F(lasco)} dB"
                + Paired(LascoMethod.ELasco, LascoMethod.Lasco, "E-LASCO", "LASCO")),
            ("lasco_beats_baseline_a", Beats(LascoMethod.Lasco, LascoMethod.BaselineA), $"mean NMSE LASCO {F(lasco)} dB vs Baseline A {F(baselineA)} dB"
                + Paired(LascoMethod.Lasco, LascoMethod.BaselineA, "LASCO", "Baseline A")),
            ("lasco_beats_sam_finetune", Beats(LascoMethod.Lasco, LascoMethod.SamFinetune), $"mean NMSE LASCO {F(lasco)} dB vs directly fine-tuned SAM {F(finetune)} dB"
                + Paired(LascoMethod.Lasco, LascoMethod.SamFinetune, "LASCO", "fine-tuned SAM")),
        ];
    }

    private static string Markdown(LascoExperimentResult result, double rho, string command)
    {
        var s = result.Settings;
        var methods = LascoMethods.All;
        var md = new StringBuilder();
        md.AppendLine("# LASCO / E-LASCO experiment").AppendLine();
        md.AppendLine($"Command: `{command}`").AppendLine();
        md.AppendLine($"Preset `{s.Preset.Name}`, rho = {SamplingRatio.Format(rho)}, {s.TrainSamples} training samples per held-out region "
            + $"(split 8:1:1; scores on the test split only), pretraining on regions {s.PretrainRegions.Min()}-{s.PretrainRegions.Max()} "
            + $"({s.Preset.PretrainSamplesPerRegion} samples each{(s.Preset.PretrainSampling == PretrainSampling.FreshEachEpoch ? ", drawn afresh every epoch" : "")}). "
            + $"Total time {result.Elapsed:hh\\:mm\\:ss}.").AppendLine();
        md.AppendLine($"SAM family: `{result.Sam.Family.Key()}`"
            + (result.Sam.Family == SamFamily.Linear ? " (affine maps in the coarse estimate's principal axes, fitted in closed form, ridge strength chosen on validation)." : ".")).AppendLine();
        md.AppendLine("| Network | Size | Parameters | MFLOP/sample | Pretraining val NMSE (dB) | Epochs (best) | Cached |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---|");
        var lam = result.Lam;
        md.AppendLine($"| LAM | {lam.Settings.Shape()} | {lam.Settings.ParameterCount:N0} | {lam.Settings.FlopsPerSample / 1e6:F1} | {F(lam.Training.BestValidationNmseDb)} | {lam.Training.EpochsRun} ({lam.Training.BestEpoch}) | {(lam.FromCache ? "yes" : "no")} |");
        var sam = result.Sam;
        string samCourse = sam.Training is { } t ? $"{t.EpochsRun} ({t.BestEpoch})" : $"closed form, lambda {sam.Ridge!.RelativeLambda.ToString("G3", Invariant)}";
        md.AppendLine($"| SAM | {sam.Shape} | {sam.ParameterCount:N0} | {sam.FlopsPerSample / 1e6:F1} | {F(sam.ValidationNmseDb)} | {samCourse} | {(sam.FromCache ? "yes" : "no")} |");
        md.AppendLine();
        Table(md, "Test NMSE (dB, lower is better)", result, r => F(r.TestNmseDb), m => F(result.MeanNmseDb(m)),
            ("linear_fit (reference)", r => F(result.LinearFitNmseDb[r]), F(result.MeanLinearFitNmseDb)));
        md.AppendLine("`linear_fit` is a reference, not a method: a linear SAM fitted on the region's train split alone (its inputs' principal axes, "
            + "ridge toward the coarse estimate, strength chosen on validation), no LAM, no pretraining.").AppendLine();
        md.AppendLine("| Gap to the per-region linear fit (dB, mean over regions) | " + string.Join(" | ", methods.Select(m => m.Key())) + " |");
        md.AppendLine("|---|" + string.Concat(methods.Select(_ => "---:|")));
        md.AppendLine("| method minus linear_fit | " + string.Join(" | ", methods.Select(m => result.GapToLinearFitDb(m).ToString(SignedFormat.Hundredths, Invariant))) + " |").AppendLine();
        Table(md, "Test GCS (higher is better)", result, r => r.TestGcs.ToString("F4", Invariant), m => Mean(result, m, r => r.TestGcs).ToString("F4", Invariant));
        md.AppendLine("## Per method (means over regions)").AppendLine();
        if (sam.Family == SamFamily.Linear)
        {
            md.AppendLine("| Method | Fitted parameters | Ridge strength (median relative lambda) | Inference ms / 64 users |");
            md.AppendLine("|---|---:|---:|---:|");
            foreach (var m in methods)
                md.AppendLine($"| {m.Key()} | {result.Results.First(r => r.Method == m).TrainableParameters:N0} "
                    + $"| {(m.Adapts() ? result.Regions.Select(r => result.Get(r, m).Ridge!.RelativeLambda).Median().ToString("G3", Invariant) : "-")} "
                    + $"| {Mean(result, m, r => r.InferenceMsPer64Users):F2} |");
        }
        else
        {
            md.AppendLine("| Method | Trainable parameters | Epochs to converge | Epochs run | Inference ms / 64 users |");
            md.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var m in methods)
                md.AppendLine($"| {m.Key()} | {result.Results.First(r => r.Method == m).TrainableParameters:N0} | {Mean(result, m, r => r.EpochsToConverge):F1} "
                    + $"| {Mean(result, m, r => r.Training?.EpochsRun ?? 0):F1} | {Mean(result, m, r => r.InferenceMsPer64Users):F2} |");
        }
        md.AppendLine().AppendLine(sam.Family == SamFamily.Linear ? "## E-LASCO fitted alpha" : "## E-LASCO learned alpha").AppendLine();
        md.AppendLine("| Region | alpha |").AppendLine("|---:|---:|");
        foreach (int r in result.Regions)
            md.AppendLine($"| {r} | {result.Get(r, LascoMethod.ELasco).Alpha:F3} |");
        md.AppendLine($"| mean | {result.Regions.Average(r => result.Get(r, LascoMethod.ELasco).Alpha ?? double.NaN):F3} |").AppendLine();
        md.AppendLine("## Claims").AppendLine();
        foreach (var (name, holds, detail) in Claims(result))
            md.AppendLine($"- {(holds ? "holds" : "does not hold")}: {detail} (`{name}`)");
        md.AppendLine().AppendLine("Plots: `nmse_by_region.png`, `validation_curves_<region>.png` (validation NMSE per epoch, or per ridge strength for "
            + "linear SAMs), `pretraining_curves.png`.");
        return md.ToString();
    }

    private static void Table(StringBuilder md, string title, LascoExperimentResult result, Func<AdaptationResult, string> cell, Func<LascoMethod, string> mean,
        (string Name, Func<int, string> Cell, string Mean)? reference = null)
    {
        var methods = LascoMethods.All;
        md.AppendLine($"## {title}").AppendLine();
        string extra = reference is { } e ? $" {e.Name} |" : "";
        md.AppendLine("| Region | " + string.Join(" | ", methods.Select(m => m.Key())) + " |" + extra);
        md.AppendLine("|---:|" + string.Concat(methods.Select(_ => "---:|")) + (reference is null ? "" : "---:|"));
        foreach (int r in result.Regions)
            md.AppendLine($"| {r} | " + string.Join(" | ", methods.Select(m => cell(result.Get(r, m)))) + " |" + (reference is { } x ? $" {x.Cell(r)} |" : ""));
        md.AppendLine("| mean | " + string.Join(" | ", methods.Select(mean)) + " |" + (reference is { } y ? $" {y.Mean} |" : "")).AppendLine();
    }

    private static string Csv(LascoExperimentResult result)
    {
        var csv = new StringBuilder("region,method,nmse_db,gcs,alpha,epochs_to_converge,epochs_run,trainable_parameters,infer_ms_64_users\n");
        foreach (var r in result.Results)
            csv.AppendLine(string.Join(",",
                r.Region.ToString(Invariant), r.Method.Key(), r.TestNmseDb.ToString("F4", Invariant), r.TestGcs.ToString("F5", Invariant),
                r.Alpha?.ToString("F4", Invariant) ?? "", r.EpochsToConverge.ToString(Invariant), (r.Training?.EpochsRun ?? 0).ToString(Invariant),
                r.TrainableParameters.ToString(Invariant), r.InferenceMsPer64Users.ToString("F3", Invariant)));
        foreach (int region in result.Regions)
            csv.AppendLine($"{region.ToString(Invariant)},linear_fit,{result.LinearFitNmseDb[region].ToString("F4", Invariant)},,,,,,");
        return csv.ToString();
    }

    private static double Mean(LascoExperimentResult result, LascoMethod method, Func<AdaptationResult, double> value) =>
        result.Results.Where(r => r.Method == method).Average(value);

    private static object PairedJson(PairedDifference d) =>
        new { mean = Round(d.Mean), standard_error = Round(d.StandardError), first_lower = d.FirstLower, regions = d.Pairs };

    private static string Key(int region) => region.ToString(Invariant);

    private static double Round(double value) => Math.Round(value, 4);

    private static string F(double value) => value.ToString("F2", Invariant);

    private static string WriteText(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
