using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MaLAM4Com.Channels;
using MaLAM4Com.Cli.Config;
using MaLAM4Com.Engine.Config;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Cli.Scenarios;

/// <summary>
/// The figures of a finished run, as <c>summary.json</c> and a readable <c>summary.md</c>: the kernel's
/// message counts and, per round, the agents' mean test NMSE, cooperation bytes, queue backlog and drops.
/// <c>nmse_db[method][rho]</c> is the last round's mean NMSE and <c>bytes_per_round[method]</c> the mean
/// cooperation bytes per round, the keys the experiment's summary uses too.
/// </summary>
public static class RunSummary
{
    public static JsonObject Json(SimulationSettings s, ScenarioOutcome m)
    {
        var json = Figures(s, m);
        // The learning figures are this process's: a cluster's members learn elsewhere.
        if (m.Learning is { } learning)
        {
            json["learning"] = new JsonObject
            {
                ["agent_train_samples_per_s"] = Math.Round(learning.AgentTrainSamplesPerS, 1),
                ["lam_samples_per_s"] = learning.LamSamplesPerS is { } lam ? Math.Round(lam, 1) : null,
                ["cores_busy"] = Math.Round(learning.CoresBusy, 2),
            };
        }
        // Only cluster runs can have outages; other summaries stay as they were.
        if (m.Result.Outages.Count > 0)
            json["outages"] = new JsonArray(m.Result.Outages.Select(o => (JsonNode?)o).ToArray());
        // How long each partition worked; the rest of wall_s it waited for its peers and the clock.
        json["partitions"] = new JsonArray([.. m.Result.Partitions.Select(p =>
        {
            var partition = new JsonObject { ["partition"] = p.Partition, ["busy_s"] = Round(p.BusySeconds) };
            if (p.Member is not null)
                partition["member"] = p.Member;
            return partition;
        })]);
        // Where the wall went in time: a window's work is split as the partitions own its entities, whatever their speed.
        json["longest_windows"] = new JsonArray([.. m.Result.LongestWindows.Select(w => new JsonObject
        {
            ["window"] = w.Window,
            ["start_us"] = w.StartUs,
            ["end_us"] = w.EndUs,
            ["wall_s"] = Math.Round(w.Seconds, 3),
            ["share"] = Round(w.Seconds / m.Result.Wall.TotalSeconds),
        })]);
        return json;
    }

    private static JsonObject Figures(SimulationSettings s, ScenarioOutcome m) => new()
    {
        ["seed"] = s.Seed,
        ["method"] = s.Scenario.Method.Name,
        ["fidelity"] = s.Scenario.Learning.Fidelity.Name(),
        ["rho"] = SamplingRatio.Format(s.Scenario.Learning.Rho),
        ["final_nmse_db"] = Round(m.Last?.MeanNmseDb),
        ["nmse_db"] = new JsonObject { [s.Scenario.Method.Name] = new JsonObject { [SamplingRatio.Format(s.Scenario.Learning.Rho)] = Round(m.Last?.MeanNmseDb) } },
        ["bytes_per_round"] = new JsonObject { [s.Scenario.Method.Name] = Math.Round(m.BytesPerRound) },
        ["rounds_detail"] = new JsonArray(m.Rounds.Select(x => (JsonNode)new JsonObject
        {
            ["round"] = x.Round,
            ["agents_measured"] = x.Agents,
            ["nmse_db"] = Round(x.MeanNmseDb),
            ["cooperation_bytes"] = x.CooperationBytes,
            ["setup_bytes"] = x.SetupBytes,
            ["mean_queue_bytes"] = Math.Round(x.MeanQueueBytes, 1),
            ["dropped"] = x.Dropped,
        }).ToArray()),
        ["late_records"] = m.LateRecords,
        ["entities"] = CooperationScenario.Layout(s.Scenario).Count,
        ["rounds"] = s.Scenario.Rounds,
        ["simulated_s"] = m.Result.SimulatedUs / 1e6,
        ["windows"] = m.Result.Windows,
        ["messages_sent"] = m.Result.Counters.Sent,
        ["messages_delivered"] = m.Result.Counters.Delivered,
        ["messages_dropped"] = m.Result.Counters.Dropped,
        ["dropped_by_reason"] = new JsonObject(m.Result.Counters.DroppedByReason.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        ["pending_at_end"] = m.Result.PendingAtEnd,
        ["wall_s"] = Math.Round(m.Result.Wall.TotalSeconds, 3),
    };

    private static double? Round(double? v) => v is { } x && double.IsFinite(x) ? Math.Round(x, 3) : null;

    public static string Markdown(SimulationSettings s, ScenarioOutcome m, string command)
    {
        var c = m.Result.Counters;
        var md = new StringBuilder();
        md.AppendLine("# Run summary").AppendLine();
        md.AppendLine($"Command: `{command}`").AppendLine();
        md.AppendLine("| figure | value |").AppendLine("|---|---|");
        md.AppendLine($"| seed | {s.Seed} |");
        md.AppendLine($"| population | 1 cloud, {s.Scenario.Edges} edges, {s.Scenario.Agents} agents, {s.Scenario.DistillationWorkers} distillation workers |");
        md.AppendLine($"| method | {s.Scenario.Method.Name} ({s.Scenario.Learning.Fidelity.Name()} fidelity), rho {SamplingRatio.Format(s.Scenario.Learning.Rho)} |");
        if (m.Rounds.Count > 0)
        {
            md.AppendLine($"| final mean NMSE | {F(m.Rounds[^1].MeanNmseDb)} dB |");
            md.AppendLine($"| cooperation bytes per round | {m.BytesPerRound.ToString("N0", CultureInfo.InvariantCulture)} |");
        }
        md.AppendLine($"| rounds | {s.Scenario.Rounds} x {Durations.Format(s.Scenario.RoundPeriodUs)} |");
        md.AppendLine($"| simulated time | {(m.Result.SimulatedUs / 1e6).ToString("F3", CultureInfo.InvariantCulture)} s |");
        md.AppendLine($"| messages sent | {c.Sent} |");
        md.AppendLine($"| delivered | {c.Delivered} |");
        md.AppendLine($"| dropped | {c.Dropped} |");
        foreach (var (reason, n) in c.DroppedByReason)
            md.AppendLine($"| dropped: {reason} | {n} |");
        md.AppendLine($"| pending at end | {m.Result.PendingAtEnd} |");
        foreach (var outage in m.Result.Outages)
            md.AppendLine($"| outage | {outage} |");
        foreach (var p in m.Result.Partitions)
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| partition {p.Partition} worked{(p.Member is null ? "" : $" (on {p.Member})")} | {(p.BusySeconds is { } b ? $"{b:F2} s" : "n/a")} of {m.Result.Wall.TotalSeconds:F2} s |"));
        foreach (var w in m.Result.LongestWindows)
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| window {w.Window} [{w.StartUs} us, {w.EndUs} us) | {w.Seconds:F2} s of {m.Result.Wall.TotalSeconds:F2} s |"));
        md.AppendLine().AppendLine("| round | agents measured | mean NMSE (dB) | cooperation bytes | setup bytes | mean byte queue | dropped |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var x in m.Rounds)
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {x.Round} | {x.Agents} | {F(x.MeanNmseDb)} | {x.CooperationBytes:N0} | {x.SetupBytes:N0} | {x.MeanQueueBytes:N0} | {x.Dropped} |"));
        return md.ToString();
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F2", CultureInfo.InvariantCulture) : "n/a";
}
