using Akka.Actor;
using MaLAM4Com.Engine.Entities;
using static MaLAM4Com.Cli.Bench.Peers.PeerMessages;

namespace MaLAM4Com.Cli.Bench.Peers;

/// <summary>The cloud of the peer round scenario: counts aggregates until its deadline, then sends a global message to every edge.</summary>
public sealed class PeerCloud(int id, int edges, int rounds) : SimEntityActor(id)
{
    private int _merged;

    public static Props Props(int id, int edges, int rounds) => EntityProps.Of(() => new PeerCloud(id, edges, rounds));

    protected override void OnStart() => SetTimer(PeerRoundScenario.CloudDeadlineUs, new Tick(0));

    protected override void OnMessage(int from, object message) => _merged++;

    protected override void OnTimer(object payload)
    {
        int round = ((Tick)payload).Round;
        _merged = 0;
        for (int e = 1; e <= edges; e++)
            Send(e, new Global(round));
        if (round + 1 < rounds)
            SetTimer((round + 1) * PeerRoundScenario.PeriodUs + PeerRoundScenario.CloudDeadlineUs, new Tick(round + 1));
    }
}
