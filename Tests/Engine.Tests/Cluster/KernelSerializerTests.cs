using System.Collections.Immutable;
using Akka.Actor;
using MaLAM4Com.Engine.Cluster;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Tests.Kernel;
using MaLAM4Com.Engine.Tracing;
using static MaLAM4Com.Engine.Cluster.ClusterMessages;
using static MaLAM4Com.Engine.Kernel.KernelMessages;

namespace MaLAM4Com.Engine.Tests.Cluster;

/// <summary>Kernel messages survive the trip through the serializer that members use between them.</summary>
public sealed class KernelSerializerTests : IDisposable
{
    private sealed record Saved(int Round, double[] Backlogs);

    private readonly ActorSystem _system = ClusterMember.Start("127.0.0.1", 0, [], "test", ClusterTimings.Default, _ => throw new InvalidOperationException("no runs here"));

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(30));

    private T RoundTrip<T>(T message) where T : notnull
    {
        var serializer = _system.Serialization.FindSerializerFor(message);
        Assert.IsType<KernelSerializer>(serializer);
        var bytes = serializer.ToBinary(message);
        return (T)_system.Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));
    }

    private static SimEvent Event(int sender, uint counter, object payload) =>
        new(1_000 + sender, sender, counter, 7, MessageId.Make(sender, counter), 42, 3, EventKind.Message, payload);

    [Fact]
    public void AnExchangeKeepsEveryEventFieldAndPayload()
    {
        var events = new List<SimEvent> { Event(1, 1, new Note("a", 10)), Event(2, 9, new Note("b", 20)), Event(3, 4, new Note("a", 10)) };
        var back = RoundTrip(new Exchange(5, 1, 2, events));
        Assert.Equal((5L, 1, 2), (back.Window, back.From, back.Epoch));
        Assert.Equal(events, back.Events);
        Assert.Empty(RoundTrip(new Exchange(0, 0, 0, [])).Events);
    }

    [Fact]
    public void AFinishedKeepsItsTotalsAndHowLongThePartitionWorked()
    {
        var back = RoundTrip(new Finished(3, KernelCounters.Of(10, 8, 6, []), 4, 250, 12.375));
        Assert.Equal((3, 4, 250, 12.375), (back.Partition, back.Pending, back.Entities, back.BusySeconds));
        Assert.Equal((10L, 8L, 6L), (back.Counters.Sent, back.Counters.Delivered, back.Counters.Batches));
    }

    [Fact]
    public void AReadyKeepsRecordsCountersAndSavedStates()
    {
        var counters = KernelCounters.Of(10, 8, 6, [KeyValuePair.Create("loss-iid", 2L)]);
        var record = TraceRecord.Message(TraceKind.Drop, 5, 6, 0, 1, 2, "Note", 100, 3, "loss-iid");
        var ready = new Ready(2, 1, 9, 12_000, [new ArraySegment<TraceRecord>([record]), new ArraySegment<TraceRecord>([TraceRecord.Metric(5, 7, 1, 3, "queue", 0.25)])], counters,
            [new SavedState(4, new Saved(3, [1.5, 2.25])), new SavedState(5, null)]);
        var back = RoundTrip(ready);
        Assert.Equal((2, 1, 9L, 12_000L), (back.Partition, back.Epoch, back.Window, back.NextEventUs));
        Assert.Equal(ready.Records.SelectMany(run => run), back.Records.SelectMany(run => run));
        Assert.Equal((10L, 8L, 6L, 2L), (back.Counters.Sent, back.Counters.Delivered, back.Counters.Batches, back.Counters.DroppedByReason["loss-iid"]));
        var saved = Assert.IsType<Saved>(back.Saved[0].Snapshot);
        Assert.Equal(3, saved.Round);
        Assert.Equal([1.5, 2.25], saved.Backlogs);
        Assert.Null(back.Saved[1].Snapshot);
    }

    private sealed record Packed(int Round, float[] Model, ImmutableArray<float> Anchors, double[] Shared, object? Inner) : IPackable<Packed>
    {
        public void Pack(StatePacker packer)
        {
            packer.Write(Round);
            packer.Write(Model);
            packer.Write(Anchors);
            packer.Write(Shared);
            packer.WriteObject(Inner);
        }

        public static Packed Unpack(StateUnpacker unpacker) =>
            new(unpacker.ReadInt32(), unpacker.ReadFloats(), unpacker.ReadImmutableFloats(), unpacker.ReadDoubles(), unpacker.ReadObject());
    }

    [Fact]
    public void PackedStatesComeBackValueForValueAndShareWhatTheyShared()
    {
        double[] shared = [.. Enumerable.Range(0, 1000).Select(i => i / 7.0)];
        ImmutableArray<float> anchors = [1.5f, -2f, float.Epsilon];
        Packed State(int i) => new(i, [i, -i, i / 3f], anchors, shared, i % 2 == 0 ? new Saved(i, [i]) : i % 3 == 0 ? null : new Packed(-i, [], default, [], null));
        var states = Enumerable.Range(0, 6).Select(i => new SavedState(i, State(i))).Append(new SavedState(9, new Saved(1, [0.5]))).ToList();
        var ready = new Ready(0, 0, 1, 2, [], KernelCounters.Of(0, 0, 0, []), states);
        var back = RoundTrip(ready).Saved;
        Assert.Equal(states.Select(s => s.Entity), back.Select(s => s.Entity));
        for (int i = 0; i < 6; i++)
        {
            var (sent, got) = ((Packed)states[i].Snapshot!, Assert.IsType<Packed>(back[i].Snapshot));
            Assert.Equal(sent.Round, got.Round);
            Assert.Equal(sent.Model, got.Model);
            Assert.Equal(sent.Anchors.ToArray(), got.Anchors.ToArray());
            Assert.Equal(sent.Shared, got.Shared);
            Assert.Same(((Packed)back[0].Snapshot!).Shared, got.Shared);
            Assert.Equal(sent.Inner is null, got.Inner is null);
            if (sent.Inner is Saved saved)
                Assert.Equal(saved.Backlogs, Assert.IsType<Saved>(got.Inner).Backlogs);
            if (sent.Inner is Packed inner)
                Assert.True(Assert.IsType<Packed>(got.Inner).Anchors.IsDefault && inner.Model.Length == 0);
        }
        Assert.Equal([0.5], Assert.IsType<Saved>(back[6].Snapshot).Backlogs);
        // The same states sent ahead of a window's Ready, a chunk at a time.
        var chunk = RoundTrip(new KernelMessages.Saved(3, 2, 7, states));
        Assert.Equal((3, 2, 7L), (chunk.Partition, chunk.Epoch, chunk.Window));
        Assert.Equal(states.Select(s => s.Entity), chunk.States.Select(s => s.Entity));
        Assert.Equal(((Packed)states[1].Snapshot!).Model, Assert.IsType<Packed>(chunk.States[1].Snapshot).Model);
        // The shared array goes once: six states weigh little more than one.
        var serializer = _system.Serialization.FindSerializerFor(ready);
        int one = serializer.ToBinary(ready with { Saved = [states[0]] }).Length;
        Assert.True(serializer.ToBinary(ready).Length < one + 5 * 1000, "a shared array was written more than once");
    }

    [Fact]
    public void DoublesThatAreFloatsTravelInHalfTheBytesAndComeBackBitForBit()
    {
        double[] floats = [.. Enumerable.Range(0, 1000).Select(i => (double)(i * 0.37f - i * 1.5e-3f)), -0.0, double.PositiveInfinity];
        double[] doubles = [.. floats.SkipLast(2), 1 / 3.0];
        Ready Of(double[] shared) => new(0, 0, 1, 2, [], KernelCounters.Of(0, 0, 0, []), [new SavedState(0, new Packed(1, [], default, shared, null))]);
        int Bytes(Ready m) => _system.Serialization.FindSerializerFor(m).ToBinary(m).Length;
        Assert.InRange(Bytes(Of(floats)), 4 * floats.Length, 4 * floats.Length + 400);
        Assert.InRange(Bytes(Of(doubles)), 8 * doubles.Length, 8 * doubles.Length + 400);
        foreach (var sent in new[] { floats, doubles })
        {
            var got = Assert.IsType<Packed>(RoundTrip(Of(sent)).Saved[0].Snapshot).Shared;
            Assert.Equal(sent.Select(BitConverter.DoubleToInt64Bits), got.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void AHostKeepsTheSpecAndTheStateToRestoreFrom()
    {
        var spec = new RunSpec("r1", "cooperation", "malam4com.seed = 3", ["scenario.rounds=2"], ["crash:agent-1@1s"], "/tmp/t.jsonl");
        var restore = new PartitionRestore(3_000, 2, new Dictionary<int, object?> { [1] = 17, [4] = null }, KernelCounters.Of(1, 1, 1, []));
        var back = RoundTrip(new Host(spec, 3, 1, restore));
        Assert.Equal((spec.RunId, spec.Scenario, spec.Config, spec.TracePath), (back.Spec.RunId, back.Spec.Scenario, back.Spec.Config, back.Spec.TracePath));
        Assert.Equal(spec.Overrides, back.Spec.Overrides);
        Assert.Equal(spec.Faults, back.Spec.Faults);
        Assert.Equal((3, 1), (back.PartitionCount, back.Partition));
        Assert.Equal((3_000L, 2, 17, 2u << 28), (back.Restore!.AtUs, back.Restore.Epoch, back.Restore.Snapshots[1], back.Restore.CounterFloor));
        Assert.Null(back.Restore.Snapshots[4]);
        var handover = RoundTrip(new Handover(2, 1, [Event(1, 1, new Note("x"))]));
        Assert.Equal((2, 1, "x"), (handover.From, handover.Epoch, ((Note)handover.Events.Single().Payload).Label));
        Assert.Null(RoundTrip(new Host(spec, 3, 0, null)).Restore);
        Assert.Equal(new PartitionWorking(2, 1, 7), RoundTrip(new PartitionWorking(2, 1, 7)));
    }

    [Fact]
    public async Task ActorReferencesResolveToTheSameActor()
    {
        var host = await _system.ActorSelection($"/user/{PartitionHostActor.Name}").ResolveOne(TimeSpan.FromSeconds(10));
        var back = RoundTrip(new Wire(host, [host, ActorRefs.Nobody], [0, 2], [1]));
        Assert.Equal(host, back.Clock);
        Assert.Equal([0, 2], back.Epochs);
        Assert.Equal([1], back.HandoverFrom);
        Assert.Equal(host, back.Partitions[0]);
        Assert.Equal(host.Path, RoundTrip(new Hosted(0, host, 5, "f")).Ref.Path);
    }

    [Fact]
    public void ALostPeerNamesTheFirstWindowNotCompletedWithIt() =>
        Assert.Equal(new PeerLost(2, 5_000_000_123), RoundTrip(new PeerLost(2, 5_000_000_123)));
}
