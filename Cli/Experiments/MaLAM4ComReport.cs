using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MaLAM4Com.Actors.Methods;
using MaLAM4Com.Channels;
using MaLAM4Com.Cli.Reporting;
using MaLAM4Com.Models;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Cli.Experiments;

/// <summary>
/// The MaLAM4Com experiment's outputs: <c>results.md</c> (tables and the claims checked), <c>results.csv</c>
/// (one row per simulation), <c>summary.json</c> (<c>nmse_db[method][rho]</c>, <c>nmse_db_region_mean[method][rho]</c>,
/// <c>genie_gap_db[method]</c>, <c>genie_gap_los_max_db[method]</c>, <c>cooperation_worth_db</c>, <c>pooled_data_worth_db</c> and
/// <c>pooled_data_nmse_db_region_mean</c> (the pooled-data reference), <c>lite_full_rank_agree</c>,
/// <c>lite_full_ranking</c> (each fidelity's order, "&lt;" between neighbours <see cref="MethodRanking"/> orders, "≈" between tied ones),
/// <c>reference_nmse_db.genie_lmmse[rho]</c>, <c>per_region_nmse_db[method][region]</c> (with <c>pooled_data</c> and <c>genie_lmmse</c>), <c>bytes_per_round[method]</c>,
/// <c>downstream</c>, <c>lite_full_sweeps_agree</c> and <c>lite_full_sweep_steps[sweep]</c> (how each sweep moves at each fidelity),
/// <c>v_sweep</c>, <c>loss_sweep</c>, <c>dimension_sweep</c> and, with the lite check, the same with <c>lite_</c> before them, <c>claims</c>) and the plots.
/// </summary>
public static class MaLAM4ComReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IReadOnlyList<string> Write(MaLAM4ComResult result, string command, string directory)
    {
        Directory.CreateDirectory(directory);
        var md = Path.Combine(directory, "results.md");
        var csv = Path.Combine(directory, "results.csv");
        var json = Path.Combine(directory, "summary.json");
        File.WriteAllText(md, Markdown(result, command));
        File.WriteAllText(csv, Csv(result));
        Commands.Arguments.WriteJson(json, Json(result, command));
        return [md, csv, json, .. MaLAM4ComPlots.Write(result, directory)];
    }

    /// <summary>The claims under test: name, whether it holds, and the measured figures behind it.</summary>
    public static IReadOnlyList<(string Claim, bool Holds, string Detail)> Claims(MaLAM4ComResult r)
    {
        var claims = new List<(string, bool, string)>();
        double rho = r.Plan.SweepRho;
        var scenario = r.Settings.Scenario;
        var m = r.Method(CooperationMethods.MaLAM4Com, rho);
        var fd = r.Method(CooperationMethods.FdFull, rho);
        var local = r.Method(CooperationMethods.Local, rho);
        if (m is { Completed: true } && r.GenieNmse.TryGetValue(rho, out var genie))
        {
            double gap = m.NmseDb - r.GenieMeanDb(rho);
            claims.Add(("MaLAM4Com's mean NMSE is within 1.0 dB of the genie linear estimator", gap <= 1.0,
                F($"{m.NmseDb:F2} against {r.GenieMeanDb(rho):F2} dB: {gap:F2} dB above")));
            var los = LosGaps(r, m, genie);
            claims.Add(("MaLAM4Com is within 3 dB of the genie in every LOS region", los.All(g => g.Gap <= 3),
                string.Join(", ", los.Select(g => F($"region {g.Region} {g.Gap:F2} dB")))));
        }
        if (m is { Completed: true } && local is { Completed: true })
        {
            var mine = m.RegionNmse(scenario);
            var alone = local.RegionNmse(scenario);
            var worse = mine.Keys.Select(k => (Region: k, By: ChannelMetrics.ToDb(mine[k]) - ChannelMetrics.ToDb(alone[k]))).MaxBy(x => x.By);
            claims.Add(("MaLAM4Com is no worse than local training in any region by more than 0.2 dB", worse.By <= 0.2,
                F($"largest excess {worse.By.ToString(SignedFormat.Hundredths, Inv)} dB, in region {worse.Region}")));
        }
        double worth = r.CooperationWorthDb(), pooledWorth = r.PooledDataWorthDb();
        if (double.IsFinite(worth))
            claims.Add(("cooperation is worth >= 1.0 dB on the region mean (MaLAM4Com against V = 0, where nobody shares)", worth >= 1.0,
                F($"{worth:F2} dB") + (double.IsFinite(pooledWorth) ? F($"; each region's training samples pooled (a reference) would be worth {pooledWorth:F2} dB") : "")));
        var v = r.Sweep(ExperimentSweep.V).Where(p => p.Completed).OrderBy(p => p.V).ToList();
        if (v.Count > 1)
        {
            var means = v.Select(p => p.RegionMeanDb(scenario, recent: true)).ToList();
            // Above the V at which the budget binds, a larger V only reshapes which reports agents send, and the region mean moves by
            // thousandths of a dB either way: a step counts as a rise only when the regions' own changes resolve it.
            // A single region leaves no spread to judge by: every rise counts.
            var rises = Enumerable.Range(1, v.Count - 1).Where(i => means[i] > means[i - 1])
                .Select(i => (From: v[i - 1].V, To: v[i].V, Change: v[i].RecentRegionChange(v[i - 1], scenario), By: means[i] - means[i - 1]))
                .Select(step => (step.From, step.To, step.Change, step.By, Counts: step.Change?.Resolved ?? true)).ToList();
            double span = means[0] - means[^1];
            string detail = string.Join(", ", v.Zip(means).Select(p => F($"V {p.First.V:G4}: {p.Second:F3} dB")));
            foreach (var (lo, hi, change, by, counts) in rises)
            {
                string spread = change is null ? "one region" : F($"standard error {change.StandardError:F3} over {change.Pairs} regions");
                detail += F($"; V {lo:G4} to {hi:G4}: {by.ToString(SignedFormat.Thousandths, Inv)} dB, {spread}, {(counts ? "a rise" : "unresolved")}");
            }
            claims.Add(($"the region mean (last five rounds) never rises with V (a step up in V counts as a rise when its regions' changes in dB have a mean more than {PairedDifference.Resolution:G} standard errors above zero) and falls >= 0.5 dB from V = 0 to the largest V",
                !rises.Any(s => s.Counts) && span >= 0.5, detail));
            double budget = scenario.Cooperation.ByteBudget;
            double worst = v.Max(p => p.MaxAgentCostBytes);
            claims.Add(("every agent's long-run average cost stays within 5 % of its budget for every V", worst <= 1.05 * budget,
                F($"largest agent average {worst:N0} B per round against a budget of {budget:N0} B")));
        }
        if (m is { Completed: true } && fd is { Completed: true })
        {
            double cut = 1 - m.Outcome!.BytesPerRound / fd.Outcome!.BytesPerRound;
            claims.Add(("embeddings cut cooperation bytes per round by >= 90 % against fd_full", cut >= 0.90,
                F($"bytes per round {m.Outcome.BytesPerRound:N0} vs {fd.Outcome.BytesPerRound:N0} ({cut:P1} cut); NMSE {m.NmseDb:F2} vs {fd.NmseDb:F2} dB")));
        }
        var loss = r.Sweep(ExperimentSweep.Loss).Where(p => p.Completed).OrderBy(p => p.LossRate).ToList();
        if (loss.Count > 1)
        {
            var means = loss.Select(p => p.RegionMeanDb(scenario, recent: true)).ToList();
            bool stepwise = means.Zip(means.Skip(1)).All(pair => pair.Second > pair.First) && means[^1] - means[0] >= 0.1;
            claims.Add(("NMSE worsens step by step and measurably with link loss (region mean of the last five rounds, >= 0.1 dB over the sweep), every run complete with all agents measured",
                stepwise && loss.All(p => p.AllAgentsAccountedFor),
                string.Join(", ", loss.Zip(means).Select(p => F($"{p.First.LossRate:P0}: {p.Second:F2} dB")))));
        }
        if (r.HasLiteCheck)
        {
            var full = r.Ranking(lite: false);
            var lite = r.Ranking(lite: true);
            claims.Add(($"lite and full fidelity rank the methods the same (no pair that either orders, by >= {MethodRanking.SmallestDifferenceDb:F1} dB and beyond its agents' spread, lies the other way round in the other)",
                MethodRanking.Agree(full, lite), $"full: {full}; lite: {lite} (lower NMSE first)"));
            claims.Add(($"lite and full fidelity move the same way in every sweep of MaLAM4Com ({string.Join(", ", ExperimentSweeps.OfMaLAM4Com.Select(w => w.Parameter()))}: no step, nor the whole sweep, rises in one and falls in the other; a step moves when the region mean of the last five rounds changes by >= {MethodRanking.SmallestDifferenceDb:F1} dB and its regions' changes resolve it)",
                r.SweepsAgree() == true, string.Join("; ", ExperimentSweeps.OfMaLAM4Com.Select(w => $"{w.Parameter()}: full {Moves(r.Steps(w))}, lite {Moves(r.Steps(w, lite: true))}"))));
        }
        if (m is { Completed: true } && local is { Completed: true })
        {
            // The share by which a figure in dB lies below local training's, in linear NMSE.
            double LowerThanLocal(double db) => 1 - Math.Pow(10, (db - local.NmseDb) / 10);
            double lower = LowerThanLocal(m.NmseDb);
            double genieMean = r.GenieMeanDb(rho);
            string bound = double.IsFinite(genieMean)
                ? F($"; the genie LMMSE reference, each region's statistics known, reaches {genieMean:F2} dB ({LowerThanLocal(genieMean):P1} lower)")
                : "";
            claims.Add(($"at rho {SamplingRatio.Format(rho)} MaLAM4Com's linear NMSE is >= 45 % lower than local-only training", lower >= 0.45,
                F($"{m.NmseDb:F2} vs {local.NmseDb:F2} dB: {lower:P1} lower") + bound));
        }
        var d = r.Downstream;
        claims.Add(("the downstream task on embeddings needs >= 96 % fewer multiply-accumulates than on raw CSI at comparable accuracy (within 5 points)",
            d.MacReduction >= 0.96 && d.AccRaw - d.AccEmbedding <= 0.05,
            F($"{d.MacsEmbedding:N0} vs {d.MacsRaw:N0} MACs ({d.MacReduction:P2} fewer); accuracy {d.AccEmbedding:P1} vs {d.AccRaw:P1}")));
        return claims;
    }

    /// <summary>A sweep of MaLAM4Com as a table: what each point sent, cost and measured.</summary>
    private static void SweepTable(MaLAM4ComResult r, ExperimentSweep sweep, bool lite, StringBuilder md)
    {
        var s = r.Settings.Scenario;
        string fidelity = lite ? ", lite fidelity" : "";
        md.AppendLine().AppendLine($"## {Capitalised(sweep.Parameter())} sweep (MaLAM4Com{fidelity})").AppendLine();
        if (sweep == ExperimentSweep.Dimension)
            md.AppendLine(F($"Each run lets agents share embeddings of one dimension only, at the configured quantisations ({string.Join(", ", s.Cooperation.Bits)} bits); at lite fidelity that dimension is also the agents' number of output coordinates.")).AppendLine();
        md.AppendLine(F($"Budget {s.Cooperation.ByteBudget:N0} B per agent and round."));
        md.AppendLine().AppendLine($"| {sweep.Parameter()} | rounds an agent shared | mean report (B) | mean agent cost (B/round) | largest agent cost | NMSE (dB) | region mean (dB) | region mean, last 5 rounds | agents measured | messages dropped |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in r.Sweep(sweep, lite))
            md.AppendLine(F($"| {Value(sweep, p.Swept)} | {p.Sharing.ShareRate:P0} | {(p.Sharing.Reports == 0 ? "none sent" : p.Sharing.MeanReportBytes.ToString("N0", Inv))} | {p.MeanAgentCostBytes:N0} | {p.MaxAgentCostBytes:N0} | {(p.Completed ? Cell(p) : "failed: " + p.Error)} | {p.RegionMeanDb(s):F2} | {p.RegionMeanDb(s, recent: true):F2} | {p.Outcome?.Last?.Agents}/{p.Agents} | {p.Outcome?.Result.Counters.Dropped} |"));
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>A swept value as its sweep writes it: V as a number, a loss rate in per cent, a dimension as an integer.</summary>
    private static string Value(ExperimentSweep sweep, double x) => sweep switch
    {
        ExperimentSweep.Loss => x.ToString("P0", Inv),
        ExperimentSweep.Dimension => x.ToString("F0", Inv),
        _ => x.ToString("G4", Inv),
    };

    /// <summary>A sweep's steps as the directions they move in, the whole sweep after a bar: "flat, fall, rise | rise".</summary>
    private static string Moves(IReadOnlyList<SweepStep> steps) =>
        steps.Count == 0 ? "no steps" : steps.Count < 3 ? string.Join(", ", steps.Select(Move)) : string.Join(", ", steps.SkipLast(1).Select(Move)) + " | " + Move(steps[^1]);

    private static string Move(SweepStep step) => double.IsNaN(step.ChangeDb) ? "failed" : step.Direction.ToString().ToLowerInvariant();

    /// <summary>Per LOS region (even ids), how far a run's NMSE lies above the genie's, in dB.</summary>
    private static List<(int Region, double Gap)> LosGaps(MaLAM4ComResult r, MaLAM4ComPoint p, IReadOnlyDictionary<int, double> genie) =>
        p.RegionNmse(r.Settings.Scenario).Where(kv => kv.Key % 2 == 0 && genie.ContainsKey(kv.Key))
            .Select(kv => (kv.Key, ChannelMetrics.ToDb(kv.Value) - ChannelMetrics.ToDb(genie[kv.Key]))).ToList();

    private static string F(FormattableString s) => s.ToString(Inv);

    private static string Markdown(MaLAM4ComResult r, string command)
    {
        var s = r.Settings.Scenario;
        var md = new StringBuilder();
        md.AppendLine("# MaLAM4Com experiment").AppendLine();
        md.AppendLine($"Command: `{command}`").AppendLine();
        md.AppendLine(F($"Scenario: 1 cloud, {s.Edges} edges x {s.AgentsPerEdge} agents over {s.Regions} regions, {s.Rounds} rounds, {s.Cooperation.Anchors} anchors per region, ")
            + F($"agents' coordinates {s.Learning.InputAxes} x {s.Learning.OutputAxes}, {(s.Learning.ConsensusWeight > 0 ? F($"consensus weight {s.Learning.ConsensusWeight:G3}") : F($"distill weight {s.Learning.DistillWeight:G3}"))}, teacher share {(s.Learning.ElasticTeacher ? "elastic" : s.Learning.TeacherShare.ToString("G3", Inv))}, ")
            + F($"LAM preset {s.Learning.LamPreset}, seed {r.Settings.Seed}; {r.Points.Count} simulations in {r.Wall:hh\\:mm\\:ss}.")).AppendLine();
        md.AppendLine("## Mean test NMSE (dB) of the agents after the last round").AppendLine();
        md.AppendLine("| method | " + string.Join(" | ", r.Plan.Rhos.Select(SamplingRatio.Format)) + " |");
        md.AppendLine("|---|" + string.Concat(r.Plan.Rhos.Select(_ => "---:|")));
        foreach (var method in r.Plan.Methods)
            md.AppendLine($"| {method.Name} | " + string.Join(" | ", r.Plan.Rhos.Select(rho => Cell(r.Method(method, rho)))) + " |");
        if (r.GenieNmse.Count > 0)
        {
            md.AppendLine("| *genie LMMSE (reference)* | " + string.Join(" | ", r.Plan.Rhos.Select(rho => r.GenieMeanDb(rho).ToString("F2", Inv))) + " |");
            md.AppendLine().AppendLine(F($"The genie reference is no method: per region, the affine least-squares estimate of H from the coarse estimate, fitted on {r.Plan.GenieFitSamples:N0} samples of the region (its statistics known) and tested on {MaLAM4ComExperiment.GenieTestSamples} fresh ones; the mean over the regions, like the agents'. It shows how low a linear estimator can take the mean."));
        }
        md.AppendLine().AppendLine("Region mean (dB): the mean over the regions of each region's NMSE in dB, in which the LOS regions weigh as much as the NLOS ones.").AppendLine();
        md.AppendLine("| method | " + string.Join(" | ", r.Plan.Rhos.Select(SamplingRatio.Format)) + " |");
        md.AppendLine("|---|" + string.Concat(r.Plan.Rhos.Select(_ => "---:|")));
        foreach (var method in r.Plan.Methods)
            md.AppendLine($"| {method.Name} | " + string.Join(" | ", r.Plan.Rhos.Select(rho => r.Method(method, rho) is { Completed: true } p ? p.RegionMeanDb(s).ToString("F2", Inv) : "")) + " |");
        if (r.PooledData is { } pooled)
            md.AppendLine("| *pooled data, V = 0 (reference)* | " + string.Join(" | ", r.Plan.Rhos.Select(rho => Math.Abs(rho - pooled.Rho) < 1e-12 && pooled.Completed ? pooled.RegionMeanDb(s).ToString("F2", Inv) : "")) + " |");
        if (r.GenieNmse.Count > 0)
            md.AppendLine("| *genie LMMSE (reference)* | " + string.Join(" | ", r.Plan.Rhos.Select(rho => r.GenieRegionMeanDb(rho).ToString("F2", Inv))) + " |");
        PerRegion(r, md);
        GenieGaps(r, md);
        md.AppendLine().AppendLine(F($"Cooperation worth (MaLAM4Com's region mean against V = 0, where nobody shares and only the teacher's knowledge reaches the agents): {r.CooperationWorthDb():F2} dB."));
        if (r.PooledData is not null)
            md.AppendLine().AppendLine(F($"The pooled-data reference is no method: MaLAM4Com with V = 0 (the teacher's knowledge only) where every agent fits the training samples of all its region's agents, as if they had pooled their raw data, and is tested on its own. Against V = 0 that is worth {r.PooledDataWorthDb():F2} dB on the region mean: what a region's data allows these models, the mark for what sharing knowledge instead of data can be worth."));
        if (r.HasLiteCheck)
        {
            md.AppendLine().AppendLine($"## Lite against full fidelity (rho {SamplingRatio.Format(r.Plan.SweepRho)}, the same scenario)").AppendLine();
            md.AppendLine("| method | full: NMSE (dB) | full: region mean | lite: NMSE (dB) | lite: region mean |").AppendLine("|---|---:|---:|---:|---:|");
            foreach (var method in r.Plan.Methods)
            {
                var full = r.Method(method, r.Plan.SweepRho);
                var lite = r.Lite(method);
                md.AppendLine(F($"| {method.Name} | {Cell(full)} | {full?.RegionMeanDb(s) ?? double.NaN:F2} | {Cell(lite)} | {lite?.RegionMeanDb(s) ?? double.NaN:F2} |"));
            }
            md.AppendLine().AppendLine($"Ranking, lowest NMSE first: full {r.Ranking(false)}; lite {r.Ranking(true)}. \"<\" where the neighbours' means differ by at least {MethodRanking.SmallestDifferenceDb:F1} dB and the paired differences of their agents' NMSE have a mean more than two standard errors from zero, \"≈\" where not.");
            foreach (var sweep in ExperimentSweeps.OfMaLAM4Com)
                SweepTable(r, sweep, lite: true, md);
            md.AppendLine().AppendLine("### How the sweeps move at each fidelity").AppendLine();
            md.AppendLine(F($"Change of the region mean of the last five rounds from one point to the next, and over the whole sweep; a step rises or falls where the change is at least {MethodRanking.SmallestDifferenceDb:F1} dB and the regions' changes have a mean more than two standard errors from zero, and is flat where not.")).AppendLine();
            md.AppendLine("| sweep | step | full: change (dB) | full | lite: change (dB) | lite |").AppendLine("|---|---|---:|---|---:|---|");
            foreach (var sweep in ExperimentSweeps.OfMaLAM4Com)
            {
                var full = r.Steps(sweep);
                var lite = r.Steps(sweep, lite: true);
                for (int i = 0; i < Math.Min(full.Count, lite.Count); i++)
                {
                    string step = $"{(i == full.Count - 1 && full.Count > 2 ? "whole sweep: " : "")}{Value(sweep, full[i].From)} to {Value(sweep, full[i].To)}";
                    md.AppendLine($"| {sweep.Parameter()} | {step} | {full[i].ChangeDb.ToString(SignedFormat.Thousandths, Inv)} | {Move(full[i])} | {lite[i].ChangeDb.ToString(SignedFormat.Thousandths, Inv)} | {Move(lite[i])} |");
                }
            }
        }
        md.AppendLine().AppendLine($"## Cooperation bytes per round (rho {SamplingRatio.Format(r.Plan.SweepRho)})").AppendLine();
        md.AppendLine("| method | bytes per round | NMSE (dB) |").AppendLine("|---|---:|---:|");
        foreach (var method in r.Plan.Methods)
        {
            var p = r.Method(method, r.Plan.SweepRho);
            md.AppendLine(F($"| {method.Name} | {p?.Outcome?.BytesPerRound ?? double.NaN:N0} | {Cell(p)} |"));
        }
        foreach (var sweep in ExperimentSweeps.OfMaLAM4Com)
            SweepTable(r, sweep, lite: false, md);
        var d = r.Downstream;
        md.AppendLine().AppendLine("## Downstream task: region identification").AppendLine();
        md.AppendLine("| input | MACs per sample | accuracy |").AppendLine("|---|---:|---:|");
        md.AppendLine(F($"| {d.Dimension}-dim embedding | {d.MacsEmbedding:N0} | {d.AccEmbedding:P1} |"));
        md.AppendLine(F($"| raw CSI (2048 reals) | {d.MacsRaw:N0} | {d.AccRaw:P1} |"));
        md.AppendLine().AppendLine(F($"The embedding itself (the LAM's encoder) costs {d.EncoderMacs:N0} MACs per sample; agents compute it anyway to share their knowledge."));
        md.AppendLine().AppendLine("## Claims").AppendLine();
        md.AppendLine("| claim | measured | holds |").AppendLine("|---|---|---|");
        foreach (var (claim, holds, detail) in Claims(r))
            md.AppendLine($"| {claim} | {detail} | {(holds ? "yes" : "**no**")} |");
        return md.ToString();
    }

    /// <summary>Per region at the sweep rho: each method's agents (mean of their last test NMSE) and the genie, in dB.</summary>
    private static void PerRegion(MaLAM4ComResult r, StringBuilder md)
    {
        double rho = r.Plan.SweepRho;
        var columns = r.PerRegionNmse().Select(c => (Name: c.Key switch { MaLAM4ComResult.GenieKey => "*genie*", MaLAM4ComResult.PooledDataKey => "*pooled data*", _ => c.Key }, c.Nmse)).ToList();
        md.AppendLine().AppendLine($"## Per region (rho {SamplingRatio.Format(rho)}, NMSE dB; odd regions NLOS, even LOS)").AppendLine();
        md.AppendLine("| region | " + string.Join(" | ", columns.Select(c => c.Name)) + " |");
        md.AppendLine("|---:|" + string.Concat(columns.Select(_ => "---:|")));
        foreach (int region in Enumerable.Range(1, r.Settings.Scenario.Regions))
            md.AppendLine($"| {region} | " + string.Join(" | ", columns.Select(c => c.Nmse.TryGetValue(region, out double v) ? ChannelMetrics.ToDb(v).ToString("F2", Inv) : "")) + " |");
    }

    /// <summary>Per method at the sweep rho: its gap to the genie on the mean and, per LOS region, on the region's NMSE, in dB.</summary>
    private static void GenieGaps(MaLAM4ComResult r, StringBuilder md)
    {
        double rho = r.Plan.SweepRho;
        if (!r.GenieNmse.TryGetValue(rho, out var genie))
            return;
        var losRegions = genie.Keys.Where(k => k % 2 == 0).Order().ToList();
        md.AppendLine().AppendLine($"## Gap to the genie (rho {SamplingRatio.Format(rho)}, dB above it)").AppendLine();
        md.AppendLine("| method | mean | region mean | " + string.Join(" | ", losRegions.Select(k => $"LOS {k}")) + " | largest LOS |");
        md.AppendLine("|---|---:|---:|" + string.Concat(losRegions.Select(_ => "---:|")) + "---:|");
        var rows = r.Plan.Methods.Select(m => (m.Name, Point: r.Method(m, rho))).Append(("*pooled data*", r.PooledData));
        foreach (var (name, point) in rows)
        {
            if (point is not { Completed: true } p)
                continue;
            var gaps = LosGaps(r, p, genie).ToDictionary(g => g.Region, g => g.Gap);
            md.AppendLine(F($"| {name} | {p.NmseDb - r.GenieMeanDb(rho):F2} | {p.RegionMeanDb(r.Settings.Scenario) - r.GenieRegionMeanDb(rho):F2} | ")
                + string.Join(" | ", losRegions.Select(k => gaps.TryGetValue(k, out double g) ? g.ToString("F2", Inv) : "")) + F($" | {gaps.Values.DefaultIfEmpty(double.NaN).Max():F2} |"));
        }
    }

    private static string Cell(MaLAM4ComPoint? p) => p is null ? "" : p.Completed ? p.NmseDb.ToString("F2", Inv) : "failed";

    private static string Csv(MaLAM4ComResult r)
    {
        var csv = new StringBuilder("sweep,fidelity,method,rho,v,loss_rate,dimension,completed,nmse_db,bytes_per_round,mean_agent_cost_bytes,max_agent_cost_bytes,share_rate,mean_report_bytes,agents_measured,agents,messages_dropped,wall_s,error\n");
        foreach (var p in r.Points)
            csv.AppendLine(F($"{p.Sweep.Name()},{p.Fidelity.Name()},{p.Method.Name},{SamplingRatio.Format(p.Rho)},{p.V:R},{p.LossRate:R},{p.Dimension},{p.Completed},{p.NmseDb:F4},{p.Outcome?.BytesPerRound:F0},{p.MeanAgentCostBytes:F1},{p.MaxAgentCostBytes:F1},{p.Sharing.ShareRate:F4},{p.Sharing.MeanReportBytes:F1},{p.Outcome?.Last?.Agents},{p.Agents},{p.Outcome?.Result.Counters.Dropped},{p.Outcome?.Result.Wall.TotalSeconds:F1},\"{p.Error?.Replace("\"", "'")}\""));
        return csv.ToString();
    }

    private static JsonNode? Number(double v, int digits = 3) => double.IsFinite(v) ? Math.Round(v, digits) : null;

    /// <summary><c>per_region_nmse_db[method][region]</c> at the sweep rho, with <c>pooled_data</c> and <c>genie_lmmse</c> beside the methods when the plan has them.</summary>
    private static JsonObject PerRegionJson(MaLAM4ComResult r)
    {
        static JsonObject Regions(IReadOnlyDictionary<int, double> nmse) =>
            new(nmse.Select(kv => KeyValuePair.Create(kv.Key.ToString(Inv), Number(ChannelMetrics.ToDb(kv.Value)))));
        var json = new JsonObject { ["rho"] = SamplingRatio.Format(r.Plan.SweepRho) };
        foreach (var (key, nmse) in r.PerRegionNmse())
            json[key] = Regions(nmse);
        return json;
    }

    private static JsonObject Json(MaLAM4ComResult r, string command)
    {
        var nmse = new JsonObject();
        foreach (var method in r.Plan.Methods)
            nmse[method.Name] = new JsonObject(r.Plan.Rhos.Select(rho => KeyValuePair.Create(SamplingRatio.Format(rho), Number(r.Method(method, rho)?.NmseDb ?? double.NaN))));
        var bytes = new JsonObject(r.Plan.Methods.Select(m => KeyValuePair.Create(m.Name, Number(r.Method(m, r.Plan.SweepRho)?.Outcome?.BytesPerRound ?? double.NaN, 0))));
        var scenario = r.Settings.Scenario;
        var regionMean = new JsonObject();
        foreach (var method in r.Plan.Methods)
            regionMean[method.Name] = new JsonObject(r.Plan.Rhos.Select(rho => KeyValuePair.Create(SamplingRatio.Format(rho), Number(r.Method(method, rho)?.RegionMeanDb(scenario) ?? double.NaN))));
        var gap = new JsonObject();
        var losGap = new JsonObject();
        if (r.GenieNmse.TryGetValue(r.Plan.SweepRho, out var genie))
        {
            foreach (var method in r.Plan.Methods)
            {
                if (r.Method(method, r.Plan.SweepRho) is not { Completed: true } p)
                    continue;
                gap[method.Name] = Number(p.NmseDb - r.GenieMeanDb(r.Plan.SweepRho));
                losGap[method.Name] = Number(LosGaps(r, p, genie).Select(g => g.Gap).DefaultIfEmpty(double.NaN).Max());
            }
        }
        var d = r.Downstream;
        var json = new JsonObject
        {
            ["command"] = command,
            ["sweep_rho"] = SamplingRatio.Format(r.Plan.SweepRho),
            ["nmse_db"] = nmse,
            ["nmse_db_region_mean"] = regionMean,
            ["genie_gap_db"] = gap,
            ["genie_gap_los_max_db"] = losGap,
            ["cooperation_worth_db"] = Number(r.CooperationWorthDb()),
            ["pooled_data_worth_db"] = Number(r.PooledDataWorthDb()),
            ["pooled_data_nmse_db_region_mean"] = Number(r.PooledData?.RegionMeanDb(scenario) ?? double.NaN),
            ["lite_full_rank_agree"] = r.HasLiteCheck ? MethodRanking.Agree(r.Ranking(false), r.Ranking(true)) : null,
            ["lite_full_ranking"] = r.HasLiteCheck ? new JsonObject { ["full"] = r.Ranking(false).ToString(), ["lite"] = r.Ranking(true).ToString() } : null,
            ["lite_nmse_db"] = r.HasLiteCheck ? new JsonObject(r.Plan.Methods.Select(m => KeyValuePair.Create(m.Name, Number(r.Lite(m)?.NmseDb ?? double.NaN)))) : null,
            ["bytes_per_round"] = bytes,
            ["reference_nmse_db"] = new JsonObject
            {
                [MaLAM4ComResult.GenieKey] = new JsonObject(r.GenieNmse.Keys.Select(rho => KeyValuePair.Create(SamplingRatio.Format(rho), Number(r.GenieMeanDb(rho))))),
            },
            ["per_region_nmse_db"] = PerRegionJson(r),
            ["downstream"] = new JsonObject
            {
                ["macs_embedding"] = d.MacsEmbedding,
                ["macs_raw"] = d.MacsRaw,
                ["acc_embedding"] = Number(d.AccEmbedding, 4),
                ["acc_raw"] = Number(d.AccRaw, 4),
                ["dimension"] = d.Dimension,
                ["encoder_macs"] = d.EncoderMacs,
            },
            ["lite_full_sweeps_agree"] = r.SweepsAgree(),
            ["lite_full_sweep_steps"] = r.HasLiteCheck ? new JsonObject(ExperimentSweeps.OfMaLAM4Com.Select(w => KeyValuePair.Create(w.Name(), (JsonNode?)StepsJson(r, w)))) : null,
        };
        foreach (bool lite in r.HasLiteCheck ? [false, true] : new[] { false })
            foreach (var sweep in ExperimentSweeps.OfMaLAM4Com)
                json[$"{(lite ? "lite_" : "")}{sweep.Name()}_sweep"] = SweepJson(r, sweep, lite);
        json["claims"] = new JsonArray(Claims(r).Select(c => (JsonNode)new JsonObject { ["claim"] = c.Claim, ["holds"] = c.Holds, ["detail"] = c.Detail }).ToArray());
        json["wall_s"] = Math.Round(r.Wall.TotalSeconds);
        return json;
    }

    /// <summary>A sweep's points: the value swept (<c>v</c>, <c>loss_rate</c> or <c>dimension</c>), what agents sent and cost, and what they measured.</summary>
    private static JsonArray SweepJson(MaLAM4ComResult r, ExperimentSweep sweep, bool lite)
    {
        var scenario = r.Settings.Scenario;
        string key = sweep switch { ExperimentSweep.Loss => "loss_rate", _ => sweep.Name() };
        return new JsonArray(r.Sweep(sweep, lite).Select(p => (JsonNode)new JsonObject
        {
            [key] = p.Swept,
            ["avg_cost"] = Number(p.MeanAgentCostBytes, 1),
            ["max_agent_avg_cost"] = Number(p.MaxAgentCostBytes, 1),
            ["share_rate"] = Number(p.Sharing.ShareRate, 4),
            ["mean_report_bytes"] = Number(p.Sharing.MeanReportBytes, 1),
            ["budget"] = scenario.Cooperation.ByteBudget,
            ["nmse_db"] = Number(p.NmseDb),
            ["nmse_db_region_mean"] = Number(p.RegionMeanDb(scenario)),
            ["nmse_db_region_mean_recent"] = Number(p.RegionMeanDb(scenario, recent: true)),
            ["nmse_db_by_region_recent"] = new JsonObject(p.RegionNmse(scenario, recent: true).Select(kv => KeyValuePair.Create(kv.Key.ToString(Inv), Number(ChannelMetrics.ToDb(kv.Value), 4)))),
            ["completed"] = p.Completed,
            ["agents_measured"] = p.Outcome?.Last?.Agents,
            ["agents"] = p.Agents,
        }).ToArray());
    }

    /// <summary>A sweep's steps at both fidelities, the whole sweep last (<c>whole</c>).</summary>
    private static JsonArray StepsJson(MaLAM4ComResult r, ExperimentSweep sweep)
    {
        var full = r.Steps(sweep);
        var lite = r.Steps(sweep, lite: true);
        return new JsonArray(Enumerable.Range(0, Math.Min(full.Count, lite.Count)).Select(i => (JsonNode)new JsonObject
        {
            ["from"] = full[i].From,
            ["to"] = full[i].To,
            ["whole"] = i == full.Count - 1 && full.Count > 2,
            ["full_change_db"] = Number(full[i].ChangeDb),
            ["full"] = Move(full[i]),
            ["lite_change_db"] = Number(lite[i].ChangeDb),
            ["lite"] = Move(lite[i]),
        }).ToArray());
    }
}
