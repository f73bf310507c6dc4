using System.Collections.Immutable;
using Akka.Actor;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// The parent of about a thousand entity actors. Akka keeps an actor's children in an immutable map that every
/// child's creation and termination rebuilds a path of, so one parent of 10^6 entities spends seconds at
/// start and longer at shutdown; shelves keep each map small and create and stop their children in parallel.
/// Entities are created on <see cref="Fill"/> (their refs go back in <see cref="Filled"/>); stopping a shelf
/// stops its entities.
/// </summary>
public sealed class EntityShelf : UntypedActor
{
    /// <summary>Entities per shelf: small enough for a cheap map, large enough that shelves are few.</summary>
    public const int Capacity = 1024;

    /// <summary>Create these entities (in this order) as children.</summary>
    public sealed record Fill(ImmutableArray<(Props Props, string Name)> Entities);

    /// <summary>The children's refs, in the order asked for.</summary>
    public sealed record Filled(ImmutableArray<IActorRef> Entities);

    protected override void OnReceive(object message)
    {
        if (message is not Fill fill)
        {
            Unhandled(message);
            return;
        }
        var refs = ImmutableArray.CreateBuilder<IActorRef>(fill.Entities.Length);
        foreach (var (props, name) in fill.Entities)
            refs.Add(Context.ActorOf(props, name));
        Sender.Tell(new Filled(refs.MoveToImmutable()));
    }

    /// <summary>
    /// Creates one entity per item of <paramref name="entities"/> on shelves made by <paramref name="factory"/>
    /// (named <paramref name="prefix"/> and a number), shelves and entities placed by <paramref name="place"/> (a
    /// dispatcher), every entity in the <see cref="EntityMailbox"/>.
    /// Returns the shelves at once and, when every shelf has filled, the entities' refs in order (null <paramref name="timeout"/>: Akka's ask timeout).
    /// </summary>
    public static (IReadOnlyList<IActorRef> Shelves, Task<IActorRef[]> Entities) Create(IActorRefFactory factory, Func<Props, Props> place, string prefix,
        IReadOnlyList<(Props Props, string Name)> entities, TimeSpan? timeout)
    {
        var shelves = new List<IActorRef>();
        var filled = new List<Task<Filled>>();
        for (int from = 0; from < entities.Count; from += Capacity)
        {
            int to = Math.Min(entities.Count, from + Capacity);
            var shelf = factory.ActorOf(place(Akka.Actor.Props.Create<EntityShelf>()), $"{prefix}{shelves.Count}");
            shelves.Add(shelf);
            var batch = ImmutableArray.CreateBuilder<(Props, string)>(to - from);
            for (int i = from; i < to; i++)
                batch.Add((place(entities[i].Props).WithMailbox(EntityMailbox.ConfigPath), entities[i].Name));
            filled.Add(shelf.Ask<Filled>(new Fill(batch.MoveToImmutable()), timeout));
        }
        return (shelves, Task.WhenAll(filled).ContinueWith(t => t.Result.SelectMany(f => f.Entities).ToArray(), TaskScheduler.Default));
    }
}
