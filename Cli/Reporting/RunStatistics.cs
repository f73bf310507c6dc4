using MaLAM4Com.Cli.Tracing;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Reporting;

/// <summary>
/// What a report plots, gathered in one streaming pass over a trace. Memory is bounded by metric
/// names (at most <see cref="MaxMetricNames"/>) × layers × rounds, drop reasons × rounds, and the
/// first <see cref="MaxFaultsKept"/> fault records; message totals come from a <see cref="TraceSummary"/>.
/// </summary>
public sealed class RunStatistics
{
    public const int MaxMetricNames = 32;
    public const int MaxFaultsKept = 500;

    public TraceSummary Totals { get; } = new();

    /// <summary>Metric name → layer → round → mean and max over the layer's entities.</summary>
    public SortedDictionary<string, SortedDictionary<string, SortedDictionary<int, RoundAggregate>>> Metrics { get; } = new(StringComparer.Ordinal);

    /// <summary>Drop reason → round → drops (messages without a round are under -1).</summary>
    public SortedDictionary<string, SortedDictionary<int, long>> DropsByReason { get; } = new(StringComparer.Ordinal);

    /// <summary>The first fault records, in trace order.</summary>
    public List<TraceEntry> Faults { get; } = [];
    public long FaultCount { get; private set; }

    /// <summary>Metric records not plotted: without a round, or past the metric-name limit.</summary>
    public long MetricsSkipped { get; private set; }

    public void Add(TraceEntry e)
    {
        Totals.Add(e);
        switch (e.Kind)
        {
            case TraceKind.Drop:
                var byRound = DropsByReason.GetOrAdd(e.Reason ?? "unknown");
                int round = e.Round ?? -1;
                byRound[round] = byRound.GetValueOrDefault(round) + 1;
                break;
            case TraceKind.Metric:
                AddMetric(e);
                break;
            case TraceKind.Fault:
                FaultCount++;
                if (Faults.Count < MaxFaultsKept)
                    Faults.Add(e);
                break;
        }
    }

    private void AddMetric(TraceEntry e)
    {
        if (e.Round is not { } round || round < 0 || (!Metrics.ContainsKey(e.Name!) && Metrics.Count == MaxMetricNames))
        {
            MetricsSkipped++;
            return;
        }
        var layer = e.Entity is null ? "network" : EntityName.Layer(e.Entity).ToString();
        Metrics.GetOrAdd(e.Name!).GetOrAdd(layer).GetOrAdd(round).Add(e.Value);
    }
}
