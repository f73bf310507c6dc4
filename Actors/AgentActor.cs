using Akka.Actor;
using MaLAM4Com.Actors.Protocol;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Actors;

/// <summary>
/// A device agent with its small model and private samples (an <see cref="IAgentLearner"/>). It joins at
/// its join round by asking its edge for its region's anchors (again each round until they arrive). Each
/// round it trains locally (distilling toward the last global knowledge), measures its test NMSE, and
/// chooses by drift-plus-penalty over its Lyapunov queues (bytes and energy budgets) whether and with how
/// many embedding dimensions and bits to share its knowledge; the baselines share everything every round
/// and <c>local</c> never shares. Its queues, model and knowledge survive a crash only through the snapshot
/// it saves each round. Traces <c>nmse</c>, <c>dimension</c> (0: skipped), <c>report_bytes</c>, the round's
/// costs <c>cost_bytes</c> and <c>cost_energy_mj</c>, <c>queue_bytes</c>, <c>queue_energy</c> and
/// <c>staleness</c> (rounds since its last global knowledge).
/// </summary>
public sealed class AgentActor : SimEntityActor
{
    private readonly AgentSetup _setup;
    private readonly CooperationMethod _method;
    private IAgentLearner? _learner;
    private LyapunovQueue[] _queues;
    private int _lastKnowledgeRound = -1;

    private sealed record State(int LastKnowledgeRound, double[] Backlogs, object Learner);

    public AgentActor(int id, AgentSetup setup) : base(id)
    {
        _setup = setup;
        _method = setup.Backend.Method;
        _queues = setup.Policy.Queues();
    }

    public static Props Props(int id, AgentSetup setup) => EntityProps.Of(() => new AgentActor(id, setup));

    private bool NeedsAnchors => _method.PerRegion();

    protected override void OnStart() => SetTimer(_setup.Schedule.StartUs(_setup.JoinRound), new RoundTimers.RoundStart(_setup.JoinRound));

    protected override void OnTimer(object payload)
    {
        int round = ((RoundTimers.RoundStart)payload).Round;
        Round = round;
        var learner = _learner ??= _setup.Backend.CreateAgent(_setup.Agent, _setup.Region);
        learner.TrainRound(round);
        Metric("nmse", learner.TestNmse());
        var (action, knowledge) = Choose(learner);
        if (knowledge is not null)
        {
            // Embeddings are anchors x the chosen dimension; the baselines' vectors all have one shape, taken as one anchor's.
            int dimension = _method == CooperationMethod.MaLAM4Com ? action.EmbeddingDimension : 0;
            var report = new KnowledgeReport(round, _method.PerRegion() ? _setup.Region : KnowledgeBlock.Global, learner.TrainingSamples,
                action.BitsPerValue, Quantizer.Apply(knowledge, action.BitsPerValue), dimension);
            Send(_setup.Edge, report);
            Metric("report_bytes", report.SizeBytes);
        }
        else if (NeedsAnchors && !learner.HasAnchors)
            Send(_setup.Edge, new JoinRequest(_setup.Region));
        for (int i = 0; i < _queues.Length; i++)
            _queues[i].Update(action.Costs[i]);
        Metric("dimension", action.Shares ? action.EmbeddingDimension : 0);
        Metric("cost_bytes", action.Costs[0]);
        Metric("cost_energy_mj", action.Costs[1]);
        Metric("queue_bytes", _queues[0].Backlog);
        Metric("queue_energy", _queues[1].Backlog);
        Metric("staleness", round - _lastKnowledgeRound);
        SaveState();
        if (round + 1 < _setup.Schedule.Rounds)
            SetTimer(_setup.Schedule.StartUs(round + 1), new RoundTimers.RoundStart(round + 1));
    }

    /// <summary>This round's action and, when it shares, the knowledge it sends (before quantisation).</summary>
    private (CooperationAction Action, float[]? Knowledge) Choose(IAgentLearner learner)
    {
        var skip = _setup.Policy.Actions[0];
        if (_method == CooperationMethod.Local || (NeedsAnchors && !learner.HasAnchors))
            return (skip, null);
        if (_method == CooperationMethod.MaLAM4Com)
        {
            var action = DriftPlusPenalty.Choose(_setup.Policy.Actions, _setup.Policy.V, _queues);
            return (action, action.Shares ? learner.Knowledge(action.EmbeddingDimension) : null);
        }
        var everything = learner.Knowledge(0);
        return (_setup.Policy.AlwaysShare(everything.Length), everything);
    }

    protected override void OnMessage(int from, object message)
    {
        switch (message)
        {
            case AnchorSet anchors:
                Learner().SetAnchors(anchors.Inputs);
                break;
            case GlobalKnowledge knowledge:
                foreach (var block in knowledge.Blocks)
                {
                    if (block.Region == _setup.Region || block.Region == KnowledgeBlock.Global)
                        Learner().Absorb(block.Values);
                }
                _lastKnowledgeRound = Math.Max(_lastKnowledgeRound, knowledge.Round);
                break;
        }
    }

    private IAgentLearner Learner() => _learner ??= _setup.Backend.CreateAgent(_setup.Agent, _setup.Region);

    protected override object? Snapshot() =>
        _learner is null ? null : new State(_lastKnowledgeRound, _queues.Select(q => q.Backlog).ToArray(), _learner.Save());

    protected override void OnRestart(object? snapshot)
    {
        var state = snapshot as State;
        (_learner as IDisposable)?.Dispose();
        _learner = _setup.Backend.CreateAgent(_setup.Agent, _setup.Region);
        if (state is not null)
            _learner.Restore(state.Learner);
        _lastKnowledgeRound = state?.LastKnowledgeRound ?? -1;
        _queues = state is null
            ? _setup.Policy.Queues()
            : _setup.Policy.Queues().Select((q, i) => new LyapunovQueue(q.Budget, state.Backlogs[i])).ToArray();
        int next = Math.Max(_setup.JoinRound, _setup.Schedule.FirstRoundFrom(Now));
        if (NeedsAnchors && next < _setup.Schedule.Rounds)
            Send(_setup.Edge, new JoinRequest(_setup.Region));
        if (next < _setup.Schedule.Rounds)
            SetTimer(_setup.Schedule.StartUs(next), new RoundTimers.RoundStart(next));
    }
}
