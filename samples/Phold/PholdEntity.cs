using Akka.Actor;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Randomness;

namespace MaLAM4Com.Samples.Phold;

/// <summary>A PHOLD event in flight; it carries nothing, so a link adds only its propagation delay.</summary>
public sealed record PholdEvent : ISimMessage
{
    public static readonly PholdEvent Instance = new();

    public int SizeBytes => 0;
}

/// <summary>
/// One PHOLD entity. It starts with <see cref="PholdSettings.Population"/> events; each event it handles
/// schedules exactly one new event: after an exponential delay (a timer) it sends it to a uniformly random
/// entity with probability <see cref="PholdSettings.Remote"/>, else to itself, over a link whose delay is
/// the lookahead. Its draws come from its own xoshiro256** stream, so the run is a function of the seed;
/// bench/peers/phold_ns3.cc repeats them draw for draw (the delay, the remote coin, then the target).
/// </summary>
public sealed class PholdEntity : SimEntityActor
{
    private readonly PholdSettings _settings;
    // A mutable struct: kept in a field, never copied.
    private Xoshiro256 _random;

    public PholdEntity(int id, PholdSettings settings) : base(id)
    {
        _settings = settings;
        _random = RandomStream.Workload.Generator(settings.Seed, id);
    }

    public static Props Props(int id, PholdSettings settings) => EntityProps.Of(() => new PholdEntity(id, settings));

    protected override void OnStart()
    {
        for (int i = 0; i < _settings.Population; i++)
            ScheduleNext();
    }

    protected override void OnMessage(int from, object message) => ScheduleNext();

    protected override void OnTimer(object payload) => Send((int)payload, PholdEvent.Instance);

    private void ScheduleNext()
    {
        long delay = (long)Math.Round(-Math.Log(_random.NextDoubleNonZero()) * _settings.MeanDelayUs, MidpointRounding.AwayFromZero);
        // Uniform in [0, entities): the high word of the 128-bit product.
        int target = _random.NextDouble() < _settings.Remote ? (int)Math.BigMul(_random.NextUInt64(), (ulong)_settings.Entities, out _) : Id;
        SetTimer(Now + delay, target);
    }
}
