using MaLAM4Com.Channels;

namespace MaLAM4Com.Cli.Scenarios;

/// <summary>
/// One round of a cooperation run as the trace tells it: the agents' mean test NMSE (linear, and in dB),
/// the cooperation bytes sent (knowledge reports, edge aggregates, global knowledge), the setup bytes
/// (anchors and distillation), the agents' mean byte-queue backlog, their mean costs this round (bytes and
/// energy, as their Lyapunov queues count them) and the messages dropped.
/// </summary>
public sealed record RoundStats(int Round, double SimulatedS, int Agents, double MeanNmse, long CooperationBytes, long SetupBytes, double MeanQueueBytes, double MeanCostBytes, double MeanCostEnergyMj, long Dropped)
{
    public double MeanNmseDb => ChannelMetrics.ToDb(MeanNmse);
}
