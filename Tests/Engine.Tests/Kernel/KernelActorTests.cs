using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Links;
using static MaLAM4Com.Engine.Kernel.KernelMessages;

namespace MaLAM4Com.Engine.Tests.Kernel;

/// <summary>The kernel's actors on their own, driven message by message with TestKit probes.</summary>
public sealed class KernelActorTests : TestKit
{
    // Two partitions of the entities, the even ones in the first.
    private static PartitionMap Alternating(int entities) => new(entities, 2, e => e % 2);

    [Fact]
    public void AnEntityHandlesItsBatchInKeyOrderMergingItsOwnTimersAndAnswersOnce()
    {
        var log = new ConcurrentQueue<Handled>();
        var entity = Sys.ActorOf(ScriptedEntity.Props(5, log, (e, h) =>
        {
            if (h.Label == "a")
                e.Timer(e.Time + 150, "timer-in-window");
            if (h.Label == "b")
                e.Timer(e.Time + 5_000, "timer-beyond");
            e.Tell(0, "re-" + h.Label);
        }));
        var events = new[]
        {
            new SimEvent(100, 1, 1, 5, MessageId.Make(1, 1), 0, -1, EventKind.Message, new Note("a")),
            new SimEvent(300, 2, 1, 5, MessageId.Make(2, 1), 0, -1, EventKind.Message, new Note("b")),
        };
        entity.Tell(new DeliverBatch(1_000, events, 0, events.Length), TestActor);
        var done = ExpectMsg<BatchDone>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(["a", "timer-in-window", "b"], log.Select(h => h.Label));
        Assert.Equal([100L, 250, 300], log.Select(h => h.TimeUs));
        // Counters run in handling order: a's timer (1) before its send (2), then the timer's send, then b's timer and send.
        var kinds = done.Outbox.Select(o => (o.Kind, o.TimeUs, o.Counter)).ToList();
        Assert.Equal([(OutgoingKind.Send, 100L, 2u), (OutgoingKind.Send, 250L, 3u), (OutgoingKind.Timer, 5_300L, 4u), (OutgoingKind.Send, 300L, 5u)], kinds);
        // The message sent from the timer names the timer's cause (message a) as its parent.
        Assert.Equal(MessageId.Make(1, 1), done.Outbox[1].ParentId);
        Assert.Null(done.Failure);
    }

    [Fact]
    public void APartitionIsReadyOnlyWhenEveryEntityHasAnsweredAndEveryPeerHasExchanged()
    {
        // One partition of two owns entities 0 and 2; entity probes stand in for the actors.
        var partition = new ChannelPartition(0, Alternating(4), new FixedRateLinkModel(1_000, 8e6), FaultPlan.None, tracing: false);
        var e0 = CreateTestProbe();
        var e2 = CreateTestProbe();
        var channel = Sys.ActorOf(ChannelEnvironmentActor.Props(partition, [e0, e2]));
        var clock = CreateTestProbe();
        var peer = CreateTestProbe();
        channel.Tell(new Wire(clock, [channel, peer], [0, 0], []));
        channel.Tell(new Advance(0, 0, 1_000));
        var b0 = e0.ExpectMsg<DeliverBatch>();
        var b2 = e2.ExpectMsg<DeliverBatch>();
        Assert.Equal((1, 1), (b0.Count, b2.Count));
        Assert.IsType<KernelSignals.Start>(b0.Events[b0.Offset].Payload);
        // Entity 0 sends to entity 1, which lives in the other partition.
        channel.Tell(new BatchDone(0, [new Outgoing(OutgoingKind.Send, 0, 1, 1, 0, -1, new Note("x"), null, 0)], false, null, null), e0);
        clock.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        channel.Tell(new BatchDone(2, [], false, null, null), e2);
        var exchange = peer.ExpectMsg<Exchange>();
        Assert.Equal(1_100, exchange.Events.Single().TimeUs);
        // Still one exchange missing: the peer's.
        clock.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        channel.Tell(new Exchange(0, 1, 0, [new SimEvent(2_500, 3, 1, 2, MessageId.Make(3, 1), 0, -1, EventKind.Message, new Note("y"))]), peer);
        var ready = clock.ExpectMsg<Ready>();
        Assert.Equal((0, 0L, 2_000L), (ready.Partition, ready.Window, ready.NextEventUs));
        // Start signals are not messages: one message sent, none delivered yet.
        Assert.Equal((1L, 0L), (ready.Counters.Sent, ready.Counters.Delivered));
    }

    [Fact]
    public void ARecreatedPartitionTakesAHandoverThatOvertookItsWiring()
    {
        // Partition 1 of 2, re-created at 1 ms (incarnation 1); entities 1 and 3 restart there.
        var restore = new PartitionRestore(1_000, 1, new Dictionary<int, object?>(), new KernelCounters());
        var partition = new ChannelPartition(1, Alternating(4), new FixedRateLinkModel(1_000, 8e6), FaultPlan.None, tracing: false, restore, recoverable: true);
        var e1 = CreateTestProbe();
        var e3 = CreateTestProbe();
        var channel = Sys.ActorOf(ChannelEnvironmentActor.Props(partition, [e1, e3], epoch: 1));
        var clock = CreateTestProbe();
        var peer = CreateTestProbe();
        // The survivor's handover (what it sent the lost incarnation) comes before the clock's wiring: Akka orders per sender only.
        var held = new SimEvent(1_500, 0, 1, 3, MessageId.Make(0, 1), 0, -1, EventKind.Message, new Note("held"));
        channel.Tell(new Handover(0, 0, [held]), peer);
        channel.Tell(new Wire(clock, [peer, channel], [0, 1], [0]));
        channel.Tell(new Advance(1, 1_000, 2_000));
        var b1 = e1.ExpectMsg<DeliverBatch>();
        var b3 = e3.ExpectMsg<DeliverBatch>();
        Assert.IsType<KernelSignals.Restarted>(b1.Events[b1.Offset].Payload);
        Assert.Equal(["Restarted", "Note"], b3.Events.Skip(b3.Offset).Take(b3.Count).Select(e => e.Payload.GetType().Name));
        Assert.Equal("held", ((Note)b3.Events[b3.Offset + 1].Payload).Label);
        channel.Tell(new BatchDone(1, [], false, null, null), e1);
        channel.Tell(new BatchDone(3, [], false, null, null), e3);
        peer.ExpectMsg<Exchange>();
        channel.Tell(new Exchange(1, 0, 0, []), peer);
        var ready = clock.ExpectMsg<Ready>();
        Assert.Equal((1, 1, 1L), (ready.Partition, ready.Epoch, ready.Window));
        Assert.Equal(1L, ready.Counters.Delivered);
    }
}
