using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MaLAM4Com.Engine.Config;
using MaLAM4Com.Engine.Kernel;

namespace MaLAM4Com.Engine.Scenarios;

/// <summary>The figures of a finished run, as <c>summary.json</c> and a readable <c>summary.md</c>.</summary>
public static class RunSummary
{
    public static JsonObject Json(SimulationSettings s, RunResult r)
    {
        var json = Figures(s, r);
        // Only cluster runs can have outages; other summaries stay as they were.
        if (r.Outages.Count > 0)
            json["outages"] = new JsonArray(r.Outages.Select(o => (JsonNode?)o).ToArray());
        return json;
    }

    private static JsonObject Figures(SimulationSettings s, RunResult r) => new()
    {
        ["seed"] = s.Seed,
        ["entities"] = 1 + s.Scenario.Edges + s.Scenario.Agents,
        ["rounds"] = s.Scenario.Rounds,
        ["simulated_s"] = r.SimulatedUs / 1e6,
        ["windows"] = r.Windows,
        ["messages_sent"] = r.Counters.Sent,
        ["messages_delivered"] = r.Counters.Delivered,
        ["messages_dropped"] = r.Counters.Dropped,
        ["dropped_by_reason"] = new JsonObject(r.Counters.DroppedByReason.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        ["pending_at_end"] = r.PendingAtEnd,
        ["wall_s"] = Math.Round(r.Wall.TotalSeconds, 3),
    };

    public static string Markdown(SimulationSettings s, RunResult r, string command)
    {
        var c = r.Counters;
        var md = new StringBuilder();
        md.AppendLine("# Run summary").AppendLine();
        md.AppendLine($"Command: `{command}`").AppendLine();
        md.AppendLine("| figure | value |").AppendLine("|---|---|");
        md.AppendLine($"| seed | {s.Seed} |");
        md.AppendLine($"| population | 1 cloud, {s.Scenario.Edges} edges, {s.Scenario.Agents} agents |");
        md.AppendLine($"| rounds | {s.Scenario.Rounds} x {Durations.Format(s.Scenario.RoundPeriodUs)} |");
        md.AppendLine($"| simulated time | {(r.SimulatedUs / 1e6).ToString("F3", CultureInfo.InvariantCulture)} s |");
        md.AppendLine($"| messages sent | {c.Sent} |");
        md.AppendLine($"| delivered | {c.Delivered} |");
        md.AppendLine($"| dropped | {c.Dropped} |");
        foreach (var (reason, n) in c.DroppedByReason)
            md.AppendLine($"| dropped: {reason} | {n} |");
        md.AppendLine($"| pending at end | {r.PendingAtEnd} |");
        foreach (var outage in r.Outages)
            md.AppendLine($"| outage | {outage} |");
        return md.ToString();
    }
}
