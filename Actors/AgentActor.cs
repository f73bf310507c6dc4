using Akka.Actor;
using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Actors.Methods;
using MaLAM4Com.Actors.Protocol;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Actors;

/// <summary>
/// A device agent with its small model and private samples (an <see cref="IAgentLearner"/>). It joins at
/// its join round, asking its edge for its region's anchors when its method needs them (again each round
/// until they arrive). Each round it trains locally, measures its test NMSE, and makes its method's choice
/// (<see cref="AgentChoice"/>) over its Lyapunov queues (bytes and energy budgets): skip, or share. Global
/// knowledge for its region goes to its method. Its queues, model and knowledge survive a crash only
/// through the snapshot it saves each round. Traces the agent metrics of <see cref="CooperationMetrics"/>.
/// </summary>
public sealed class AgentActor : SimEntityActor
{
    private readonly AgentSetup _setup;
    private IAgentLearner? _learner;
    private LyapunovQueue[] _queues;
    private int _lastKnowledgeRound = -1;

    private sealed record State(int LastKnowledgeRound, double[] Backlogs, object Learner) : IPackable<State>
    {
        public void Pack(StatePacker packer)
        {
            packer.Write(LastKnowledgeRound);
            packer.Write(Backlogs);
            packer.WriteObject(Learner);
        }

        public static State Unpack(StateUnpacker unpacker) =>
            new(unpacker.ReadInt32(), unpacker.ReadDoubles(), unpacker.ReadObject() ?? throw new InvalidDataException("an agent's saved state has no learner"));
    }

    public AgentActor(int id, AgentSetup setup) : base(id)
    {
        _setup = setup;
        _queues = setup.Policy.Queues();
    }

    public static Props Props(int id, AgentSetup setup) => EntityProps.Of(() => new AgentActor(id, setup));

    private bool NeedsAnchors => _setup.Method.Scope == KnowledgeScope.PerRegion;

    protected override void OnStart() => SetTimer(_setup.Schedule.StartUs(_setup.JoinRound), new RoundStart(_setup.JoinRound));

    protected override void OnTimer(object payload)
    {
        int round = ((RoundStart)payload).Round;
        Round = round;
        var learner = Learner();
        learner.TrainRound(round);
        Metric(CooperationMetrics.Nmse, learner.TestNmse());
        var (action, knowledge) = AgentChoice.Decide(_setup.Method, _setup.Policy, _queues, learner);
        if (knowledge is not null)
        {
            int region = _setup.Method.Scope == KnowledgeScope.PerRegion ? _setup.Region : KnowledgeBlock.Global;
            var report = new KnowledgeReport(round, region, learner.TrainingSamples, knowledge);
            Send(_setup.Edge, report);
            Metric(CooperationMetrics.ReportBytes, report.SizeBytes);
        }
        else if (NeedsAnchors && !learner.HasAnchors)
            Send(_setup.Edge, new JoinRequest(_setup.Region));
        for (int i = 0; i < _queues.Length; i++)
            _queues[i].Update(action.Costs[i]);
        Metric(CooperationMetrics.Dimension, action.Shares ? action.EmbeddingDimension : 0);
        Metric(CooperationMetrics.CostBytes, action.Costs[0]);
        Metric(CooperationMetrics.CostEnergyMj, action.Costs[1]);
        Metric(CooperationMetrics.QueueBytes, _queues[0].Backlog);
        Metric(CooperationMetrics.QueueEnergy, _queues[1].Backlog);
        Metric(CooperationMetrics.Staleness, round - _lastKnowledgeRound);
        SaveState();
        if (round + 1 < _setup.Schedule.Rounds)
            SetTimer(_setup.Schedule.StartUs(round + 1), new RoundStart(round + 1));
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
                        _setup.Method.Absorb(Learner(), block);
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
            SetTimer(_setup.Schedule.StartUs(next), new RoundStart(next));
    }
}
