using System.Diagnostics;
using Akka.Actor;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Randomness;

namespace MaLAM4Com.Cli.Bench;

/// <summary>
/// The ceiling for the kernel benchmark: the same number of actors passing the same number of
/// messages with plain Akka.NET Tell, no clock, no channel, no trace.
/// </summary>
public static class AkkaTellLoop
{
    private sealed record Hop(int Left);

    private sealed class Hopper(IActorRef[] peers, Random random, CountdownEvent chains) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            var hop = (Hop)message;
            if (hop.Left == 0)
                chains.Signal();
            else
                peers[random.Next(peers.Length)].Tell(new Hop(hop.Left - 1));
        }
    }

    /// <summary>Runs <paramref name="chains"/> chains of <paramref name="hops"/> messages each over <paramref name="actors"/> actors; returns messages per second.</summary>
    public static double MessagesPerSecond(int actors, int chains, int hops, ulong seed)
    {
        using var system = ActorSystem.Create("akka-tell-loop", "akka.loglevel = WARNING\nakka.log-dead-letters = off");
        try
        {
            var peers = new IActorRef[actors];
            using var done = new CountdownEvent(chains);
            for (int i = 0; i < actors; i++)
            {
                var random = RandomStream.Workload.Random(seed, i);
                peers[i] = system.ActorOf(EntityProps.Of(() => new Hopper(peers, random, done)), $"a{i}");
            }
            var start = Stopwatch.StartNew();
            for (int c = 0; c < chains; c++)
                peers[c % actors].Tell(new Hop(hops - 1));
            done.Wait();
            return (double)chains * hops / start.Elapsed.TotalSeconds;
        }
        finally
        {
            system.Terminate().Wait();
        }
    }
}
