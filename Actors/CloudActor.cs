using Akka.Actor;
using MaLAM4Com.Actors.Protocol;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Actors;

/// <summary>What the cloud is given: the model back-end (its LAM), each edge's kernel index with the regions of its agents, the distillation workers and how to merge.</summary>
public sealed record CloudSetup(
    RoundSchedule Schedule,
    ILearningBackend Backend,
    IReadOnlyDictionary<int, IReadOnlyList<int>> EdgeRegions,
    IReadOnlyList<int> Workers,
    double TeacherShare);

/// <summary>
/// The cloud: has its distillation workers distil each region's elite set and sends the anchors to the
/// edges that serve that region; computes its LAM's own knowledge on them (the teacher); at each round's
/// cloud deadline merges the edge aggregates that reached it with the teacher
/// (<see cref="GlobalKnowledgeMerge"/>; weights are plainly averaged for <c>fedavg</c>) and sends each edge
/// the blocks of its regions. Distillation jobs still unanswered are sent again at each deadline.
/// Traces <c>edges_merged</c> and <c>anchor_regions</c> per round.
/// </summary>
public sealed class CloudActor : SimEntityActor
{
    private readonly CloudSetup _setup;
    private readonly CooperationMethod _method;
    private readonly int[] _regions;
    private readonly Dictionary<int, float[]> _anchors = new();
    private readonly Dictionary<int, float[]> _teacher = new();
    private RoundAggregator<IReadOnlyList<KnowledgeBlock>> _aggregator;

    public CloudActor(int id, CloudSetup setup) : base(id)
    {
        _setup = setup;
        _method = setup.Backend.Method;
        _regions = setup.EdgeRegions.Values.SelectMany(r => r).Distinct().Order().ToArray();
        _aggregator = NewAggregator();
    }

    public static Props Props(int id, CloudSetup setup) => EntityProps.Of(() => new CloudActor(id, setup));

    private RoundAggregator<IReadOnlyList<KnowledgeBlock>> NewAggregator() => new(Math.Max(1, _setup.EdgeRegions.Count), 0);

    protected override void OnStart()
    {
        RequestMissingAnchors();
        SetTimer(_setup.Schedule.CloudCloseUs(0), new RoundTimers.Deadline(0));
    }

    private void RequestMissingAnchors()
    {
        if (!_method.PerRegion() || _setup.Workers.Count == 0)
            return;
        foreach (int region in _regions.Where(r => !_anchors.ContainsKey(r)))
            Send(_setup.Workers[region % _setup.Workers.Count], new DistillJob(region));
    }

    protected override void OnMessage(int from, object message)
    {
        switch (message)
        {
            case EliteSet elite when !_anchors.ContainsKey(elite.Region):
                _anchors[elite.Region] = elite.Inputs;
                if (_method.UsesTeacher())
                    _teacher[elite.Region] = _setup.Backend.TeacherKnowledge(elite.Region, elite.Inputs);
                foreach (var (edge, regions) in _setup.EdgeRegions.OrderBy(e => e.Key))
                {
                    if (regions.Contains(elite.Region))
                        Send(edge, new AnchorSet(elite.Region, elite.Inputs));
                }
                break;
            case JoinRequest join when _anchors.TryGetValue(join.Region, out var inputs):
                Send(from, new AnchorSet(join.Region, inputs));
                break;
            case EdgeAggregate aggregate:
                _aggregator.Add(aggregate.Round, from, aggregate.Blocks.Sum(b => (long)b.Weight), aggregate.Blocks);
                break;
        }
    }

    protected override void OnTimer(object payload)
    {
        int round = ((RoundTimers.Deadline)payload).Round;
        Round = round;
        var close = _aggregator.Close(round);
        Metric("edges_merged", close.Reporters);
        Metric("anchor_regions", _anchors.Count);
        var fromEdges = close.Reports.SelectMany(r => r.Payload);
        var global = _method == CooperationMethod.FedAvg
            ? KnowledgeAverage.ByRegion(fromEdges)
            : GlobalKnowledgeMerge.Merge(fromEdges, _teacher, _method.UsesTeacher() ? _setup.TeacherShare : 0);
        if (global.Count > 0)
        {
            foreach (var (edge, regions) in _setup.EdgeRegions.OrderBy(e => e.Key))
            {
                var blocks = global.Where(b => b.Region == KnowledgeBlock.Global || regions.Contains(b.Region)).ToList();
                if (blocks.Count > 0)
                    Send(edge, new GlobalKnowledge(round, close.Reporters, blocks));
            }
        }
        RequestMissingAnchors();
        if (round + 1 < _setup.Schedule.Rounds)
            SetTimer(_setup.Schedule.CloudCloseUs(round + 1), new RoundTimers.Deadline(round + 1));
    }

    protected override void OnRestart(object? snapshot)
    {
        // The anchors and the teacher's knowledge are recomputed (the workers are asked again); only the open round's aggregates are lost.
        _aggregator = NewAggregator();
        _anchors.Clear();
        _teacher.Clear();
        RequestMissingAnchors();
        int next = _setup.Schedule.FirstRoundFrom(Now - _setup.Schedule.CloudDeadlineUs);
        if (next < _setup.Schedule.Rounds)
            SetTimer(_setup.Schedule.CloudCloseUs(next), new RoundTimers.Deadline(next));
    }
}
