using Akka.Actor;
using MaLAM4Com.Actors.Kernel;
using MaLAM4Com.Actors.Protocol;

namespace MaLAM4Com.Actors;

/// <summary>
/// An edge coordinator: collects its agents' reports until the round's deadline, forwards the
/// aggregate to the cloud when the quorum is met, and relays global knowledge to its agents.
/// Traces <c>reporters</c>, <c>quorum_missed</c> and <c>late_reports</c> per round.
/// </summary>
public sealed class EdgeCoordinatorActor : SimEntityActor
{
    private readonly int _cloud;
    private readonly IReadOnlyList<int> _agents;
    private readonly RoundSchedule _schedule;
    private readonly int _aggregateBytes;
    private RoundAggregator<int> _aggregator;

    public EdgeCoordinatorActor(int id, int cloud, IReadOnlyList<int> agents, RoundSchedule schedule, int aggregateBytes) : base(id)
    {
        _cloud = cloud;
        _agents = agents;
        _schedule = schedule;
        _aggregateBytes = aggregateBytes;
        _aggregator = new RoundAggregator<int>(agents.Count, schedule.Quorum);
    }

    public static Props Props(int id, int cloud, IReadOnlyList<int> agents, RoundSchedule schedule, int aggregateBytes) =>
        EntityProps.Of(() => new EdgeCoordinatorActor(id, cloud, agents, schedule, aggregateBytes));

    protected override void OnStart() => SetTimer(_schedule.EdgeCloseUs(0), new RoundTimers.Deadline(0));

    protected override void OnMessage(int from, object message)
    {
        switch (message)
        {
            case KnowledgeReport report:
                _aggregator.Add(report.Round, from, report.Samples, 0);
                break;
            case GlobalKnowledge knowledge:
                foreach (int agent in _agents)
                    Send(agent, knowledge);
                break;
        }
    }

    protected override void OnTimer(object payload)
    {
        int round = ((RoundTimers.Deadline)payload).Round;
        Round = round;
        var close = _aggregator.Close(round);
        Metric("reporters", close.Reporters);
        Metric("late_reports", _aggregator.LateReports);
        if (close.QuorumMet)
            Send(_cloud, new EdgeAggregate(round, close.Reporters, [new KnowledgeBlock(0, close.Weight, new float[_aggregateBytes / 4])]));
        else
            Metric("quorum_missed", 1);
        if (round + 1 < _schedule.Rounds)
            SetTimer(_schedule.EdgeCloseUs(round + 1), new RoundTimers.Deadline(round + 1));
    }

    protected override void OnRestart(object? snapshot)
    {
        _aggregator = new RoundAggregator<int>(_agents.Count, _schedule.Quorum);
        int next = _schedule.FirstRoundFrom(Now - _schedule.EdgeDeadlineUs);
        if (next < _schedule.Rounds)
            SetTimer(_schedule.EdgeCloseUs(next), new RoundTimers.Deadline(next));
    }
}
