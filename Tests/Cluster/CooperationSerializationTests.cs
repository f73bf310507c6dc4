using System.Collections.Immutable;
using Akka.Actor;
using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Actors.Protocol;
using MaLAM4Com.Engine.Cluster;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Models.Cooperation;
using static MaLAM4Com.Engine.Kernel.KernelMessages;

namespace MaLAM4Com.Tests.Cluster;

/// <summary>The cooperation protocol's payloads and saved states survive the trip between cluster members.</summary>
public sealed class CooperationSerializationTests : IDisposable
{
    private readonly ActorSystem _system = ClusterMember.Start("127.0.0.1", 0, [], "test", ClusterTimings.Default, _ => throw new InvalidOperationException("no runs here"));

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(30));

    private Exchange RoundTrip(Exchange message)
    {
        var serializer = _system.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        return (Exchange)_system.Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));
    }

    private static SimEvent Event(int sender, uint counter, object payload) =>
        new(1_000 + sender, sender, counter, 7, MessageId.Make(sender, counter), 42, 3, EventKind.Message, payload);

    [Fact]
    public void CooperationPayloadsWithImmutableValuesCrossMembersIntact()
    {
        ImmutableArray<float> values = [1f, 2.5f, -3f];
        var block = new KnowledgeBlock(2, 40, values, 1);
        object[] payloads =
        [
            new AnchorSet(2, values), new EliteSet(3, values), new KnowledgeReport(1, 2, 30, SharedKnowledge.Dense(values, 3, 8)),
            new EdgeAggregate(1, 2, [block]), new GlobalKnowledge(1, 3, [block, block with { Region = 4 }]),
        ];
        var events = payloads.Select((p, i) => Event(1, (uint)i + 1, p)).ToList();
        var back = RoundTrip(new Exchange(5, 1, 2, events)).Events.Select(e => e.Payload).ToList();
        Assert.Equal(values, ((AnchorSet)back[0]).Inputs.ToArray());
        Assert.Equal(values, ((EliteSet)back[1]).Inputs.ToArray());
        var report = (KnowledgeReport)back[2];
        Assert.Equal((values.Length + 16, 3), (report.SizeBytes, report.Knowledge.Dimension));
        Assert.Equal(values, report.Knowledge.Values.ToArray());
        Assert.Equal(values, ((EdgeAggregate)back[3]).Blocks.Single().Values.ToArray());
        Assert.Equal([2, 4], ((GlobalKnowledge)back[4]).Blocks.Select(b => b.Region));
        // A learner's saved state may hold arrays it does not have yet (empty ones).
        var state = new LinearAgentLearner.State([1f], 0.5, [], values, true, [0.25, -1.0], [], 0);
        var saved = (LinearAgentLearner.State)RoundTrip(new Exchange(5, 1, 2, [Event(1, 1, state)])).Events.Single().Payload;
        Assert.True(saved.Anchors.IsEmpty);
        Assert.Equal(values, saved.Target.ToArray());
        Assert.Equal([0.25, -1.0], saved.Prior);
    }

    [Fact]
    public void TheStatesOfARegionsAgentsCarryTheArraysTheyShareOnce()
    {
        // Agents of a region hold the same anchors, target and prior; each has its own model.
        ImmutableArray<float> anchors = [.. Enumerable.Range(0, 4096).Select(i => (float)i)];
        ImmutableArray<float> target = [.. Enumerable.Range(0, 4096).Select(i => -(float)i)];
        double[] prior = [.. Enumerable.Range(0, 1024).Select(i => i * 0.5)];
        Ready Of(int agents) => new(1, 0, 7, 8_000, [], new MaLAM4Com.Engine.Kernel.KernelCounters(),
            [.. Enumerable.Range(0, agents).Select(a => new SavedState(a, new LinearAgentLearner.State([a, a + 1f], a * 0.1, anchors, target, true, prior, [], 0)))]);
        byte[] Bytes(Ready m) => _system.Serialization.FindSerializerFor(m).ToBinary(m);
        int one = Bytes(Of(1)).Length, hundred = Bytes(Of(100)).Length;
        Assert.True(hundred < 3 * one, $"one state {one} B, a hundred {hundred} B");
        var ready = Of(100);
        var serializer = _system.Serialization.FindSerializerFor(ready);
        var back = (Ready)_system.Serialization.Deserialize(serializer.ToBinary(ready), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, ready));
        Assert.Equal(Enumerable.Range(0, 100), back.Saved.Select(s => s.Entity));
        var last = (LinearAgentLearner.State)back.Saved[99].Snapshot!;
        Assert.Equal([99f, 100f], last.Model!);
        Assert.Equal(9.9, last.Lambda, 12);
        Assert.Equal(anchors.ToArray(), last.Anchors.ToArray());
        Assert.Equal(target.ToArray(), last.Target.ToArray());
        Assert.Equal(prior, last.Prior);
    }
}
