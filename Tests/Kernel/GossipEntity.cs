using Akka.Actor;
using MaLAM4Com.Actors.Kernel;
using MaLAM4Com.Channels;

namespace MaLAM4Com.Tests.Kernel;

/// <summary>
/// Starts <c>fanout</c> pings to random entities; each received ping is forwarded to a random entity
/// until it has made <c>maxHops</c> hops. Its random stream is seeded from (seed, id), so the whole
/// exchange is a function of the seed. Every received ping is also logged as a metric.
/// </summary>
public sealed class GossipEntity : SimEntityActor
{
    private readonly int _count;
    private readonly int _fanout;
    private readonly int _maxHops;
    private readonly Random _random;

    public GossipEntity(int id, int count, int fanout, int maxHops, ulong seed) : base(id)
    {
        _count = count;
        _fanout = fanout;
        _maxHops = maxHops;
        _random = StableRandom.For(seed, id);
    }

    public static Props Props(int id, int count, int fanout, int maxHops, ulong seed) =>
        Akka.Actor.Props.Create(() => new GossipEntity(id, count, fanout, maxHops, seed));

    protected override void OnStart()
    {
        for (int i = 0; i < _fanout; i++)
            Send(_random.Next(_count), new Ping(0, 50 + _random.Next(200)));
    }

    protected override void OnMessage(int from, object message)
    {
        var ping = (Ping)message;
        Metric("hop", ping.Hop);
        if (ping.Hop + 1 < _maxHops)
            Send(_random.Next(_count), new Ping(ping.Hop + 1, ping.Bytes));
    }
}
