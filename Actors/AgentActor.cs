using Akka.Actor;
using MaLAM4Com.Actors.Kernel;
using MaLAM4Com.Actors.Protocol;

namespace MaLAM4Com.Actors;

/// <summary>
/// A device agent: at the start of each round it reports its knowledge to its edge, and it keeps
/// the latest global knowledge it received. Its state survives a crash only through its saved
/// snapshot (taken each round). It traces <c>staleness</c>: rounds since its last global knowledge.
/// </summary>
public sealed class AgentActor : SimEntityActor
{
    private readonly int _edge;
    private readonly RoundSchedule _schedule;
    private readonly int _samples;
    private readonly int _reportBytes;
    private int _lastKnowledgeRound = -1;

    private sealed record State(int LastKnowledgeRound);

    public AgentActor(int id, int edge, RoundSchedule schedule, int samples, int reportBytes) : base(id)
    {
        _edge = edge;
        _schedule = schedule;
        _samples = samples;
        _reportBytes = reportBytes;
    }

    public static Props Props(int id, int edge, RoundSchedule schedule, int samples, int reportBytes) =>
        EntityProps.Of(() => new AgentActor(id, edge, schedule, samples, reportBytes));

    protected override void OnStart() => SetTimer(_schedule.StartUs(0), new RoundTimers.RoundStart(0));

    protected override void OnTimer(object payload)
    {
        int round = ((RoundTimers.RoundStart)payload).Round;
        Round = round;
        Send(_edge, new KnowledgeReport(round, _samples, _reportBytes));
        Metric("staleness", round - _lastKnowledgeRound);
        SaveState();
        if (round + 1 < _schedule.Rounds)
            SetTimer(_schedule.StartUs(round + 1), new RoundTimers.RoundStart(round + 1));
    }

    protected override void OnMessage(int from, object message)
    {
        var knowledge = (GlobalKnowledge)message;
        _lastKnowledgeRound = Math.Max(_lastKnowledgeRound, knowledge.Round);
    }

    protected override object? Snapshot() => new State(_lastKnowledgeRound);

    protected override void OnRestart(object? snapshot)
    {
        _lastKnowledgeRound = snapshot is State s ? s.LastKnowledgeRound : -1;
        int next = _schedule.FirstRoundFrom(Now);
        if (next < _schedule.Rounds)
            SetTimer(_schedule.StartUs(next), new RoundTimers.RoundStart(next));
    }
}
