using Akka.Actor;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Randomness;

namespace MaLAM4Com.Cli.Bench;

/// <summary>
/// Starts <c>fanout</c> relays to random entities; each relay it receives goes on to a random
/// entity until it has made <c>maxHops</c> hops. Its random stream is seeded from (seed, id), so
/// the whole exchange is a function of the seed. The kernel benchmark's load, and a test workload.
/// </summary>
public sealed class RelayEntity : SimEntityActor
{
    /// <summary>The layer of relay entities.</summary>
    public static readonly Layer Layer = new("node");

    /// <summary>The hop count of each relay an entity receives (when metrics are on).</summary>
    public static readonly MetricName Hop = new("hop");

    private readonly int _count;
    private readonly int _fanout;
    private readonly int _maxHops;
    private readonly bool _metrics;
    private readonly Random _random;

    public RelayEntity(int id, int count, int fanout, int maxHops, bool metrics, ulong seed) : base(id)
    {
        _count = count;
        _fanout = fanout;
        _maxHops = maxHops;
        _metrics = metrics;
        _random = RandomStream.Workload.Random(seed, id);
    }

    public static Props Props(int id, int count, int fanout, int maxHops, bool metrics, ulong seed) =>
        EntityProps.Of(() => new RelayEntity(id, count, fanout, maxHops, metrics, seed));

    protected override void OnStart()
    {
        for (int i = 0; i < _fanout; i++)
            Send(_random.Next(_count), new Relay(0, 50 + _random.Next(200)));
    }

    protected override void OnMessage(int from, object message)
    {
        var relay = (Relay)message;
        if (_metrics)
            Metric(Hop, relay.Hop);
        if (relay.Hop + 1 < _maxHops)
            Send(_random.Next(_count), relay with { Hop = relay.Hop + 1 });
    }
}
