using System.Collections.Immutable;
using Akka.Actor;
using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Actors.Protocol;
using MaLAM4Com.Engine.Entities;

namespace MaLAM4Com.Actors;

/// <summary>
/// An edge coordinator: hands its agents their region's anchors (asking the cloud for a region it lacks),
/// collects their knowledge reports until the round's deadline, forwards the per-region aggregate to the
/// cloud when the quorum of fresh reports is met (<see cref="EdgeKnowledgeBook"/>), and relays each agent
/// that has joined its region's block of the global knowledge. Traces <c>reporters</c>, <c>stale_used</c>,
/// <c>late_reports</c>, <c>duplicate_reports</c> and <c>quorum_missed</c> per round.
/// </summary>
public sealed class EdgeCoordinatorActor : SimEntityActor
{
    private readonly int _cloud;
    private readonly IReadOnlyDictionary<int, EdgeAgent> _agents;
    private readonly RoundSchedule _schedule;
    private readonly Func<EdgeKnowledgeBook> _newBook;
    private readonly Dictionary<int, ImmutableArray<float>> _anchors = new();
    private readonly SortedDictionary<int, int> _waiting = new();
    private readonly Dictionary<int, long> _askedAtUs = new();
    private EdgeKnowledgeBook _book;

    /// <param name="agents">Kernel index of each of its agents, with that agent's region and join round.</param>
    public EdgeCoordinatorActor(int id, int cloud, IReadOnlyDictionary<int, EdgeAgent> agents, RoundSchedule schedule, Func<EdgeKnowledgeBook> newBook) : base(id)
    {
        _cloud = cloud;
        _agents = agents;
        _schedule = schedule;
        _newBook = newBook;
        _book = newBook();
    }

    public static Props Props(int id, int cloud, IReadOnlyDictionary<int, EdgeAgent> agents, RoundSchedule schedule, Func<EdgeKnowledgeBook> newBook) =>
        EntityProps.Of(() => new EdgeCoordinatorActor(id, cloud, agents, schedule, newBook));

    protected override void OnStart() => SetTimer(_schedule.EdgeCloseUs(0), new RoundDeadline(0));

    protected override void OnMessage(int from, object message)
    {
        switch (message)
        {
            case JoinRequest join when _anchors.TryGetValue(join.Region, out var inputs):
                Send(from, new AnchorSet(join.Region, inputs));
                break;
            case JoinRequest join:
                // Ask the cloud at most once a round period per region: agents repeat their requests, and a lost answer is asked for again.
                if (!_askedAtUs.TryGetValue(join.Region, out long asked) || Now - asked >= _schedule.PeriodUs)
                {
                    Send(_cloud, join);
                    _askedAtUs[join.Region] = Now;
                }
                _waiting[from] = join.Region;
                break;
            case AnchorSet anchors:
                _anchors[anchors.Region] = anchors.Inputs;
                foreach (var (agent, region) in _waiting.Where(w => w.Value == anchors.Region).ToList())
                {
                    Send(agent, anchors);
                    _waiting.Remove(agent);
                }
                break;
            case KnowledgeReport report:
                _book.Add(report.Round, from, report.Region, report.Samples, report.Knowledge.Values, report.Knowledge.Dimension);
                break;
            case GlobalKnowledge knowledge:
                // One relayed message per region, shared by that region's agents (messages are immutable). An agent
                // whose join round has not started is not on the network yet.
                var byRegion = new Dictionary<int, GlobalKnowledge?>();
                foreach (var (agent, (region, joinRound)) in _agents.OrderBy(a => a.Key))
                {
                    if (Now < _schedule.StartUs(joinRound))
                        continue;
                    if (!byRegion.TryGetValue(region, out var relay))
                    {
                        var blocks = knowledge.Blocks.Where(b => b.Region == region || b.Region == KnowledgeBlock.Global).ToImmutableArray();
                        byRegion[region] = relay = blocks.Length > 0 ? knowledge with { Blocks = blocks } : null;
                    }
                    if (relay is not null)
                        Send(agent, relay);
                }
                break;
        }
    }

    protected override void OnTimer(object payload)
    {
        int round = ((RoundDeadline)payload).Round;
        Round = round;
        var close = _book.Close(round);
        Metric(CooperationMetrics.Reporters, close.Fresh);
        Metric(CooperationMetrics.StaleUsed, close.Stale);
        Metric(CooperationMetrics.LateReports, _book.LateReports);
        Metric(CooperationMetrics.DuplicateReports, _book.DuplicateReports);
        if (close.QuorumMet)
            Send(_cloud, new EdgeAggregate(round, close.Fresh, [.. close.Blocks]));
        else
            Metric(CooperationMetrics.QuorumMissed, 1);
        if (round + 1 < _schedule.Rounds)
            SetTimer(_schedule.EdgeCloseUs(round + 1), new RoundDeadline(round + 1));
    }

    protected override void OnRestart(object? snapshot)
    {
        // An edge keeps no state worth saving: its reports of the open round and its cached anchors are lost with it, and agents re-ask.
        _book = _newBook();
        _anchors.Clear();
        _waiting.Clear();
        _askedAtUs.Clear();
        int next = _schedule.FirstRoundFrom(Now - _schedule.EdgeDeadlineUs);
        if (next < _schedule.Rounds)
            SetTimer(_schedule.EdgeCloseUs(next), new RoundDeadline(next));
    }
}
