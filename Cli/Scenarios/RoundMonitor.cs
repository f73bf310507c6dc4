using System.Runtime.InteropServices;
using MaLAM4Com.Actors;
using MaLAM4Com.Actors.Protocol;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Scenarios;

/// <summary>
/// Reads a cooperation run's trace records as the kernel emits them (in time order) and closes each round
/// into <see cref="RoundStats"/> once the clock passes its end, passing every record on to an optional
/// inner sink (the trace writer). The run's per-round progress line and summary come from it.
/// </summary>
public sealed class RoundMonitor(long roundPeriodUs, ITraceSink? inner, Action<RoundStats>? closed = null) : ITraceSink
{
    private static readonly HashSet<string> CooperationTypes = [MessageTypes.Of<KnowledgeReport>(), MessageTypes.Of<EdgeAggregate>(), MessageTypes.Of<GlobalKnowledge>()];
    private readonly SortedDictionary<int, Accumulator> _open = new();
    private readonly List<RoundStats> _rounds = new();

    public IReadOnlyList<RoundStats> Rounds => _rounds;

    /// <summary>Records tagged with a round already closed (a message of round r sent after round r + 1 began); not in the round figures.</summary>
    public long LateRecords { get; private set; }

    private int _closedThrough = -1;
    // A hash map, not a sorted one: at 10^6 agents the sorted insert per record was seconds per round.
    private readonly Dictionary<int, (double Sum, int Rounds)> _agentCostBytes = new();

    /// <summary>Each agent's (by kernel index) mean bytes cost per round over the rounds it took part in: what its byte budget bounds.</summary>
    public IReadOnlyDictionary<int, double> AgentMeanCostBytes => _agentCostBytes.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => kv.Value.Sum / kv.Value.Rounds);

    private readonly Dictionary<int, double> _agentLastNmse = new();
    // Each agent's last RecentRounds measurements, oldest overwritten first, and how many it made.
    private readonly Dictionary<int, (double[] Values, int Count)> _agentRecent = new();

    /// <summary>How many of an agent's last measurements <see cref="AgentRecentNmse"/> averages.</summary>
    public const int RecentRounds = 5;
    private long _decisions, _reports;
    private double _reportBytes;

    /// <summary>The agents' choices to share or skip, counted from their per-round "dimension" and "report_bytes" metrics.</summary>
    public SharingTally Sharing => new(_decisions, _reports, _reportBytes);

    /// <summary>Each agent's (by kernel index) test NMSE (linear) in the last round it measured.</summary>
    public IReadOnlyDictionary<int, double> AgentLastNmse => _agentLastNmse.OrderBy(kv => kv.Key).ToDictionary();

    /// <summary>Each agent's (by kernel index) mean test NMSE (linear) over the last <see cref="RecentRounds"/> rounds it measured.</summary>
    public IReadOnlyDictionary<int, double> AgentRecentNmse => _agentRecent.OrderBy(kv => kv.Key)
        .ToDictionary(kv => kv.Key, kv => kv.Value.Values.Take(Math.Min(kv.Value.Count, RecentRounds)).Average());

    private sealed class Accumulator
    {
        public double NmseSum;
        public int Agents;
        public long CooperationBytes, SetupBytes, Dropped;
        public double QueueSum, CostBytesSum, CostEnergySum;
        public int Queues;
    }

    public void Write(in TraceRecord record)
    {
        inner?.Write(record);
        CloseBefore(record.TimeUs);
        if (record.Round < 0)
            return;
        if (record.Round <= _closedThrough)
        {
            LateRecords++;
            return;
        }
        var a = Open(record.Round);
        switch (record.Kind)
        {
            case TraceKind.Send when CooperationTypes.Contains(record.Type):
                a.CooperationBytes += record.Bytes;
                break;
            case TraceKind.Send:
                a.SetupBytes += record.Bytes;
                break;
            case TraceKind.Drop:
                a.Dropped++;
                break;
            case TraceKind.Metric when record.Name == CooperationMetrics.Nmse.Name:
                a.NmseSum += record.Value;
                a.Agents++;
                _agentLastNmse[record.From] = record.Value;
                ref var recent = ref CollectionsMarshal.GetValueRefOrAddDefault(_agentRecent, record.From, out bool exists);
                if (!exists)
                    recent = (new double[RecentRounds], 0);
                recent.Values[recent.Count % RecentRounds] = record.Value;
                recent.Count++;
                break;
            case TraceKind.Metric when record.Name == CooperationMetrics.CostBytes.Name:
                a.CostBytesSum += record.Value;
                ref var cost = ref CollectionsMarshal.GetValueRefOrAddDefault(_agentCostBytes, record.From, out _);
                cost = (cost.Sum + record.Value, cost.Rounds + 1);
                break;
            case TraceKind.Metric when record.Name == CooperationMetrics.Dimension.Name:
                _decisions++;
                break;
            case TraceKind.Metric when record.Name == CooperationMetrics.ReportBytes.Name:
                _reports++;
                _reportBytes += record.Value;
                break;
            case TraceKind.Metric when record.Name == CooperationMetrics.CostEnergyMj.Name:
                a.CostEnergySum += record.Value;
                break;
            case TraceKind.Metric when record.Name == CooperationMetrics.QueueBytes.Name:
                a.QueueSum += record.Value;
                a.Queues++;
                break;
        }
    }

    public void Complete()
    {
        CloseBefore(long.MaxValue);
        inner?.Complete();
    }

    public void Flush() => inner?.Flush();

    public void Dispose() => inner?.Dispose();

    private Accumulator Open(int round)
    {
        if (!_open.TryGetValue(round, out var a))
            _open[round] = a = new Accumulator();
        return a;
    }

    // Round r's messages are all sent before round r + 1 starts (the cloud's deadline is inside the period).
    private void CloseBefore(long timeUs)
    {
        while (_open.Count > 0)
        {
            var (round, a) = _open.First();
            long end = (round + 1) * roundPeriodUs;
            if (timeUs < end)
                return;
            _open.Remove(round);
            _closedThrough = Math.Max(_closedThrough, round);
            var stats = new RoundStats(round, end / 1e6, a.Agents, a.Agents == 0 ? double.NaN : a.NmseSum / a.Agents,
                a.CooperationBytes, a.SetupBytes, Mean(a.QueueSum), Mean(a.CostBytesSum), Mean(a.CostEnergySum), a.Dropped);
            _rounds.Add(stats);

            double Mean(double sum) => a.Queues == 0 ? 0 : sum / a.Queues;
            closed?.Invoke(stats);
        }
    }
}
