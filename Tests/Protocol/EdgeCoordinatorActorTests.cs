using Akka.TestKit.Xunit2;
using MaLAM4Com.Actors;
using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Actors.Protocol;
using MaLAM4Com.Engine.Entities;

namespace MaLAM4Com.Tests.Protocol;

/// <summary>An edge coordinator on its own, driven batch by batch with TestKit.</summary>
public sealed class EdgeCoordinatorActorTests : TestKit
{
    private static SimEvent Message(long t, int from, uint counter, object payload) =>
        new(t, from, counter, 1, MessageId.Make(from, counter), 0, -1, EventKind.Message, payload);

    [Fact]
    public void TheEdgeAggregatesWhatArrivedByItsDeadlineAndRelaysEachAgentItsRegion()
    {
        var schedule = new RoundSchedule(Rounds: 2, PeriodUs: 1_000_000, EdgeDeadlineUs: 300_000, CloudDeadlineUs: 600_000, Quorum: 0.5);
        // Edge 1 serves agents 10 (region 1), 11 (region 1) and 12 (region 2); the cloud is entity 0.
        var agents = new Dictionary<int, EdgeAgent> { [10] = new(1, 0), [11] = new(1, 0), [12] = new(2, 0) };
        var edge = Sys.ActorOf(EdgeCoordinatorActor.Props(1, 0, agents, schedule, () => new EdgeKnowledgeBook(3, 0.5, 0, 0)));
        var start = new SimEvent(0, 1, 0, 1, 0, 0, -1, EventKind.Signal, KernelSignals.Start.Instance);
        edge.Tell(new DeliverBatch(1_000, [start], 0, 1), TestActor);
        var deadline = ExpectMsg<BatchDone>().Outbox.Single(o => o.Kind == OutgoingKind.Timer);
        Assert.Equal(300_000, deadline.TimeUs);

        // Two reports of region 1 (weights 10 and 30) and a duplicate; then the deadline fires.
        var events = new[]
        {
            Message(5_000, 10, 1, Report(10, [2f, 2f])),
            Message(5_000, 11, 1, Report(30, [6f, 10f])),
            Message(6_000, 11, 2, Report(30, [99f, 99f])),
            new SimEvent(300_000, 1, deadline.Counter, 1, MessageId.Make(1, deadline.Counter), 0, 0, EventKind.Timer, deadline.Payload!),
        };
        edge.Tell(new DeliverBatch(301_000, events, 0, events.Length), TestActor);
        var done = ExpectMsg<BatchDone>();
        var aggregate = (EdgeAggregate)done.Outbox.Single(o => o.Kind == OutgoingKind.Send).Payload!;
        Assert.Equal(0, done.Outbox.Single(o => o.Kind == OutgoingKind.Send).Target);
        Assert.Equal(2, aggregate.Reporters);
        Assert.Equal([5f, 8f], aggregate.Blocks.Single().Values.ToArray());   // (10 x 2 + 30 x 6) / 40, (20 + 300) / 40
        Assert.Contains(done.Outbox, o => o.Kind == OutgoingKind.Metric && o.Name == "duplicate_reports" && o.Value == 1);

        // The cloud's global knowledge: each agent gets its own region's block only.
        var global = new GlobalKnowledge(0, 1, [new KnowledgeBlock(1, 40, [1f]), new KnowledgeBlock(2, 5, [2f])]);
        edge.Tell(new DeliverBatch(701_000, [Message(700_000, 0, 9, global)], 0, 1), TestActor);
        var relayed = ExpectMsg<BatchDone>().Outbox.Where(o => o.Kind == OutgoingKind.Send)
            .Select(o => (o.Target, ((GlobalKnowledge)o.Payload!).Blocks.Single().Region)).ToList();
        Assert.Equal([(10, 1), (11, 1), (12, 2)], relayed);
    }

    // A round-0 report of region 1, one anchor's values at 32 bits.
    private static KnowledgeReport Report(int samples, float[] values) => new(0, 1, samples, SharedKnowledge.Dense([.. values], 0, 32));
}
