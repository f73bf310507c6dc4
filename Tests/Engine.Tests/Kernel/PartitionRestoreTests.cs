using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Links;

namespace MaLAM4Com.Engine.Tests.Kernel;

/// <summary>A partition re-created after its member was lost starts from what the clock kept.</summary>
public sealed class PartitionRestoreTests
{
    private static List<SimEvent> Window(ChannelPartition partition, long start, long end)
    {
        var taken = new List<SimEvent>();
        partition.TakeWindow(start, end, (_, events, offset, count) => taken.AddRange(events.Skip(offset).Take(count)));
        return taken;
    }

    [Fact]
    public void ItsEntitiesRestartFromTheirSavedStatesAndHandedOverEventsAreQueuedOrDropped()
    {
        // Partition 1 of 2 owns entities 1, 3 and 5; entity 5 is down then by the fault plan, entity 3 saved nothing.
        var faults = new FaultPlan([], [], [new NodeCrash(5, 1_000, 9_000, RestoreState: true)], null, ["a", "a", "a", "a", "a", "a"]);
        var held = new SimEvent(4_500, 0, 3, 3, MessageId.Make(0, 3), 0, -1, EventKind.Message, new Note("held"));
        var late = new SimEvent(3_500, 0, 2, 1, MessageId.Make(0, 2), 0, -1, EventKind.Message, new Note("due while gone"));
        var restore = new PartitionRestore(4_000, 1, new Dictionary<int, object?> { [1] = 7, [5] = 11 }, KernelCounters.Of(5, 4, 3, [KeyValuePair.Create("crashed", 1L)]));
        var partition = new ChannelPartition(1, new PartitionMap(6, 2, e => e % 2), new FixedRateLinkModel(1_000, 8e6), faults, tracing: true, restore, recoverable: true);
        partition.AcceptHandover([held, late]);
        var dropped = Assert.Single(partition.TakeRecords().SelectMany(run => run));
        Assert.Equal(("member-lost", 3_500L, 1), (dropped.Reason, dropped.TimeUs, dropped.To));

        Assert.Equal(4_000, partition.NextEventTimeUs);
        var first = Window(partition, 4_000, 5_000);
        Assert.Equal([(1, 4_000L), (3, 4_000L), (3, 4_500L)], first.Select(e => (e.Target, e.TimeUs)));
        var restarted = first.Take(2).Select(e => Assert.IsType<KernelSignals.Restarted>(e.Payload)).ToList();
        Assert.Equal([(7, 1u << 28), (null, 1u << 28)], restarted.Select(r => (r.Snapshot, r.CounterFloor)));
        Assert.Equal(held.Payload, first[2].Payload);
        // Two batches in that window (entities 1 and 3) on top of the three the lost incarnation counted.
        Assert.Equal((5L, 5L, 2L, 5L), (partition.Counters.Sent, partition.Counters.Delivered, partition.Counters.Dropped, partition.Counters.Batches));

        // Entity 5 comes back when the plan says, from the state the clock kept for it.
        var planned = Window(partition, 9_000, 10_000).Single();
        Assert.Equal((5, 9_000L), (planned.Target, planned.TimeUs));
        Assert.Equal(new KernelSignals.Restarted(11, 1u << 28), planned.Payload);
    }

    [Fact]
    public void StatesSavedAreHandedOnOnlyWhenKept()
    {
        var link = new FixedRateLinkModel(1_000, 8e6);
        var kept = new ChannelPartition(0, new PartitionMap(1, 1), link, FaultPlan.None, tracing: false, recoverable: true);
        var notKept = new ChannelPartition(0, new PartitionMap(1, 1), link, FaultPlan.None, tracing: false);
        foreach (var p in new[] { kept, notKept })
        {
            Window(p, 0, 1_000);
            p.Absorb(new BatchDone(0, [], true, "state", null));
        }
        Assert.Equal([new KernelMessages.SavedState(0, "state")], kept.TakeSaved());
        Assert.Empty(kept.TakeSaved());
        Assert.Empty(notKept.TakeSaved());
    }

    [Fact]
    public void APartitionHoldsASavedStateOnlyForAnEntityThatACrashRestartsFromIt()
    {
        // Entity 0 will crash and come back from its saved state; entity 1 never crashes, so its states need not outlive their window.
        var faults = new FaultPlan([], [], [new NodeCrash(0, 5_000, 6_000, RestoreState: true)], null, ["a", "a"]);
        var partition = new ChannelPartition(0, new PartitionMap(2, 1), new FixedRateLinkModel(1_000, 8e6), faults, tracing: false);
        Window(partition, 0, 1_000);
        var (restored, dropped) = Save(partition);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.True(restored.IsAlive);
        Assert.False(dropped.IsAlive);
        var restart = Window(partition, 6_000, 7_000).Single();
        Assert.Same(restored.Target, Assert.IsType<KernelSignals.Restarted>(restart.Payload).Snapshot);
    }

    // Out of line, so that no local keeps the states alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (WeakReference Restored, WeakReference Dropped) Save(ChannelPartition partition)
    {
        object a = new Note("entity 0's state"), b = new Note("entity 1's state");
        partition.Absorb(new BatchDone(0, [], true, a, null));
        partition.Absorb(new BatchDone(1, [], true, b, null));
        return (new WeakReference(a), new WeakReference(b));
    }
}
