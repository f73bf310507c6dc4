using System.Collections.Immutable;
using Akka.Actor;
using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Actors.Methods;
using MaLAM4Com.Actors.Protocol;
using MaLAM4Com.Engine.Entities;

namespace MaLAM4Com.Actors;

/// <summary>
/// The cloud: when its method keeps knowledge per region, has its distillation workers distil each
/// region's elite set, sends the anchors to the edges that serve that region and computes its method's
/// teacher knowledge on them; at each round's cloud deadline merges the edge aggregates that reached it
/// (and, for each edge and region that did not, the edge's last: <see cref="PeerKnowledgeMemory"/>) with the teacher
/// (the method's merge) and sends each edge the blocks of its regions. Distillation jobs
/// still unanswered are sent again at each deadline. Traces <c>edges_merged</c> and <c>anchor_regions</c> per round.
/// </summary>
public sealed class CloudActor : SimEntityActor
{
    private readonly CloudSetup _setup;
    private readonly int[] _regions;
    private readonly Dictionary<int, ImmutableArray<float>> _anchors = new();
    private readonly Dictionary<int, ImmutableArray<float>> _teacher = new();
    private RoundAggregator<ImmutableArray<KnowledgeBlock>> _aggregator;
    private TeacherWeighting _weighting;
    private readonly PeerKnowledgeMemory _memory = new();

    public CloudActor(int id, CloudSetup setup) : base(id)
    {
        _setup = setup;
        _regions = setup.EdgeRegions.Values.SelectMany(r => r).Distinct().Order().ToArray();
        _aggregator = NewAggregator();
        _weighting = new TeacherWeighting(setup.TeacherShare, setup.ElasticTeacher);
    }

    public static Props Props(int id, CloudSetup setup) => EntityProps.Of(() => new CloudActor(id, setup));

    private RoundAggregator<ImmutableArray<KnowledgeBlock>> NewAggregator() => new(Math.Max(1, _setup.EdgeRegions.Count), 0);

    protected override void OnStart()
    {
        RequestMissingAnchors();
        SetTimer(_setup.Schedule.CloudCloseUs(0), new RoundDeadline(0));
    }

    private void RequestMissingAnchors()
    {
        if (_setup.Method.Scope != KnowledgeScope.PerRegion || _setup.Workers.Count == 0)
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
                var teacher = _setup.Method.Teacher(_setup.Backend, elite.Region, elite.Inputs);
                if (!teacher.IsDefaultOrEmpty)
                    _teacher[elite.Region] = teacher;
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
        int round = ((RoundDeadline)payload).Round;
        Round = round;
        var close = _aggregator.Close(round);
        Metric(CooperationMetrics.EdgesMerged, close.Reporters);
        Metric(CooperationMetrics.AnchorRegions, _anchors.Count);
        var global = _setup.Method.Merge(_memory.Complete(close.Reports.Select(r => (r.Member, (IReadOnlyList<KnowledgeBlock>)r.Payload))), _teacher, _weighting);
        if (_teacher.Count > 0)
            Metric(CooperationMetrics.TeacherShare, _teacher.Keys.Average(_weighting.For));
        if (global.Count > 0)
        {
            foreach (var (edge, regions) in _setup.EdgeRegions.OrderBy(e => e.Key))
            {
                var blocks = global.Where(b => b.Region == KnowledgeBlock.Global || regions.Contains(b.Region)).ToImmutableArray();
                if (blocks.Length > 0)
                    Send(edge, new GlobalKnowledge(round, close.Reporters, blocks));
            }
        }
        RequestMissingAnchors();
        if (round + 1 < _setup.Schedule.Rounds)
            SetTimer(_setup.Schedule.CloudCloseUs(round + 1), new RoundDeadline(round + 1));
    }

    protected override void OnRestart(object? snapshot)
    {
        // The anchors and the teacher's knowledge are recomputed (the workers are asked again); only the open round's aggregates are lost.
        _aggregator = NewAggregator();
        _weighting = new TeacherWeighting(_setup.TeacherShare, _setup.ElasticTeacher);
        _memory.Clear();
        _anchors.Clear();
        _teacher.Clear();
        RequestMissingAnchors();
        int next = _setup.Schedule.FirstRoundFrom(Now - _setup.Schedule.CloudDeadlineUs);
        if (next < _setup.Schedule.Rounds)
            SetTimer(_setup.Schedule.CloudCloseUs(next), new RoundDeadline(next));
    }
}
