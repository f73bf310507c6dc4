using Akka.Actor;
using MaLAM4Com.Actors.Kernel;
using MaLAM4Com.Actors.Protocol;

namespace MaLAM4Com.Actors;

/// <summary>
/// A device agent. At the start of each round it chooses, by drift-plus-penalty over its Lyapunov
/// queues (bytes and energy budgets), whether and how to share its knowledge with its edge, then
/// updates the queues with what it spent. It keeps the latest global knowledge it received. Its
/// queues and knowledge survive a crash only through its saved snapshot (taken each round). Traces
/// <c>queue_bytes</c>, <c>queue_energy</c>, <c>dimension</c> (0: skipped) and <c>staleness</c>
/// (rounds since its last global knowledge).
/// </summary>
public sealed class AgentActor : SimEntityActor
{
    private readonly int _edge;
    private readonly RoundSchedule _schedule;
    private readonly int _samples;
    private readonly CooperationPolicy _policy;
    private readonly IReadOnlyList<CooperationAction> _actions;
    private LyapunovQueue[] _queues;
    private int _lastKnowledgeRound = -1;

    private sealed record State(int LastKnowledgeRound, double[] Backlogs);

    public AgentActor(int id, int edge, RoundSchedule schedule, int samples, CooperationPolicy policy) : base(id)
    {
        _edge = edge;
        _schedule = schedule;
        _samples = samples;
        _policy = policy;
        _actions = policy.Actions;
        _queues = policy.Queues();
    }

    public static Props Props(int id, int edge, RoundSchedule schedule, int samples, CooperationPolicy policy) =>
        EntityProps.Of(() => new AgentActor(id, edge, schedule, samples, policy));

    protected override void OnStart() => SetTimer(_schedule.StartUs(0), new RoundTimers.RoundStart(0));

    protected override void OnTimer(object payload)
    {
        int round = ((RoundTimers.RoundStart)payload).Round;
        Round = round;
        var action = DriftPlusPenalty.Choose(_actions, _policy.V, _queues);
        if (action.Shares)
            Send(_edge, new KnowledgeReport(round, 0, _samples, 8, new float[(int)Math.Ceiling(action.Costs[0])]));
        for (int i = 0; i < _queues.Length; i++)
            _queues[i].Update(action.Costs[i]);
        Metric("dimension", action.EmbeddingDimension);
        Metric("queue_bytes", _queues[0].Backlog);
        Metric("queue_energy", _queues[1].Backlog);
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

    protected override object? Snapshot() => new State(_lastKnowledgeRound, _queues.Select(q => q.Backlog).ToArray());

    protected override void OnRestart(object? snapshot)
    {
        var state = snapshot as State;
        _lastKnowledgeRound = state?.LastKnowledgeRound ?? -1;
        _queues = state is null
            ? _policy.Queues()
            : _policy.Queues().Select((q, i) => new LyapunovQueue(q.Budget, state.Backlogs[i])).ToArray();
        int next = _schedule.FirstRoundFrom(Now);
        if (next < _schedule.Rounds)
            SetTimer(_schedule.StartUs(next), new RoundTimers.RoundStart(next));
    }
}
