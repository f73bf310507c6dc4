using Akka.Actor;
using MaLAM4Com.Actors.Kernel;
using MaLAM4Com.Actors.Protocol;

namespace MaLAM4Com.Actors;

/// <summary>
/// The cloud: merges the edge aggregates that reached it by the round's cloud deadline and
/// broadcasts global knowledge to every edge. Traces <c>edges_merged</c> per round.
/// </summary>
public sealed class CloudActor : SimEntityActor
{
    private readonly IReadOnlyList<int> _edges;
    private readonly RoundSchedule _schedule;
    private readonly int _knowledgeBytes;
    private RoundAggregator<int> _aggregator;

    public CloudActor(int id, IReadOnlyList<int> edges, RoundSchedule schedule, int knowledgeBytes) : base(id)
    {
        _edges = edges;
        _schedule = schedule;
        _knowledgeBytes = knowledgeBytes;
        _aggregator = new RoundAggregator<int>(edges.Count, 0);
    }

    public static Props Props(int id, IReadOnlyList<int> edges, RoundSchedule schedule, int knowledgeBytes) =>
        EntityProps.Of(() => new CloudActor(id, edges, schedule, knowledgeBytes));

    protected override void OnStart() => SetTimer(_schedule.CloudCloseUs(0), new RoundTimers.Deadline(0));

    protected override void OnMessage(int from, object message)
    {
        var aggregate = (EdgeAggregate)message;
        _aggregator.Add(aggregate.Round, from, 1, 0);
    }

    protected override void OnTimer(object payload)
    {
        int round = ((RoundTimers.Deadline)payload).Round;
        Round = round;
        var close = _aggregator.Close(round);
        Metric("edges_merged", close.Reporters);
        foreach (int edge in _edges)
            Send(edge, new GlobalKnowledge(round, close.Reporters, [new KnowledgeBlock(0, 0, new float[_knowledgeBytes / 4])]));
        if (round + 1 < _schedule.Rounds)
            SetTimer(_schedule.CloudCloseUs(round + 1), new RoundTimers.Deadline(round + 1));
    }

    protected override void OnRestart(object? snapshot)
    {
        _aggregator = new RoundAggregator<int>(_edges.Count, 0);
        int next = _schedule.FirstRoundFrom(Now - _schedule.CloudDeadlineUs);
        if (next < _schedule.Rounds)
            SetTimer(_schedule.CloudCloseUs(next), new RoundTimers.Deadline(next));
    }
}
