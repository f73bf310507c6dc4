using Akka.Actor;
using Akka.TestKit.Xunit2;
using MaLAM4Com.Engine.Kernel;

namespace MaLAM4Com.Engine.Tests.Kernel;

/// <summary>Entities made on shelves: in the order asked for, a shelf per <see cref="EntityShelf.Capacity"/>, stopped with their shelf.</summary>
public sealed class EntityShelfTests() : TestKit(EntityMailbox.Hocon)
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell((Self.Path.Name, m)));
    }

    [Fact]
    public async Task EntitiesComeBackInOrderOnAsManyShelvesAsTheCapacityNeeds()
    {
        int count = EntityShelf.Capacity * 2 + 3;
        var asked = Enumerable.Range(0, count).Select(i => (Props.Create<Echo>(), $"x{i}")).ToList();

        var (shelves, created) = EntityShelf.Create(Sys, props => props, "shelf-", asked, TimeSpan.FromSeconds(30));
        var entities = await created;

        Assert.Equal(3, shelves.Count);
        Assert.Equal(count, entities.Length);
        Assert.Equal(asked.Select(a => a.Item2), entities.Select(e => e.Path.Name));
        Assert.Equal(["shelf-0", "shelf-1", "shelf-2"], entities.Select(e => e.Path.Parent.Name).Distinct());
        // Each ref reaches the live entity of that name.
        foreach (int i in new[] { 0, EntityShelf.Capacity, count - 1 })
        {
            entities[i].Tell(i, TestActor);
            Assert.Equal(($"x{i}", (object)i), ExpectMsg<(string, object)>());
        }
    }

    [Fact]
    public async Task StoppingAShelfStopsItsEntities()
    {
        var (shelves, created) = EntityShelf.Create(Sys, props => props, "s-", [(Props.Create<Echo>(), "a"), (Props.Create<Echo>(), "b")], TimeSpan.FromSeconds(30));
        var entities = await created;
        foreach (var e in entities)
            Watch(e);

        Sys.Stop(shelves.Single());

        // In whichever order the shelf's children stop.
        var stopped = new[] { ExpectMsg<Terminated>().ActorRef, ExpectMsg<Terminated>().ActorRef };
        Assert.Equal(entities.ToHashSet(), stopped.ToHashSet());
    }
}
