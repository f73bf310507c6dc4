using Akka.Actor;
using MaLAM4Com.Engine.Entities;
using static MaLAM4Com.Cli.Bench.Peers.PeerMessages;

namespace MaLAM4Com.Cli.Bench.Peers;

/// <summary>An agent of the peer round scenario: reports to its edge at each round start.</summary>
public sealed class PeerAgent(int id, int edge, int rounds) : SimEntityActor(id)
{
    public static Props Props(int id, int edge, int rounds) => EntityProps.Of(() => new PeerAgent(id, edge, rounds));

    protected override void OnStart() => OnTimer(new Tick(0));

    protected override void OnTimer(object payload)
    {
        int round = ((Tick)payload).Round;
        Send(edge, new Report(round));
        if (round + 1 < rounds)
            SetTimer((round + 1) * PeerRoundScenario.PeriodUs, new Tick(round + 1));
    }

    protected override void OnMessage(int from, object message)
    {
    }
}
