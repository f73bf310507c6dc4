using Akka.Actor;
using MaLAM4Com.Engine.Entities;
using static MaLAM4Com.Cli.Bench.Peers.PeerMessages;

namespace MaLAM4Com.Cli.Bench.Peers;

/// <summary>An edge of the peer round scenario: counts reports until its deadline, sends the count to the cloud, relays global messages to its agents.</summary>
public sealed class PeerEdge(int id, int cloud, int firstAgent, int agents, int rounds) : SimEntityActor(id)
{
    private int _reports;

    public static Props Props(int id, int cloud, int firstAgent, int agents, int rounds) => EntityProps.Of(() => new PeerEdge(id, cloud, firstAgent, agents, rounds));

    protected override void OnStart() => SetTimer(PeerRoundScenario.EdgeDeadlineUs, new Tick(0));

    protected override void OnMessage(int from, object message)
    {
        if (message is Report)
            _reports++;
        else
        {
            for (int a = firstAgent; a < firstAgent + agents; a++)
                Send(a, message is Global g ? g : throw new InvalidOperationException($"unexpected {message}"));
        }
    }

    protected override void OnTimer(object payload)
    {
        int round = ((Tick)payload).Round;
        Send(cloud, new Aggregate(round, _reports));
        _reports = 0;
        if (round + 1 < rounds)
            SetTimer((round + 1) * PeerRoundScenario.PeriodUs + PeerRoundScenario.EdgeDeadlineUs, new Tick(round + 1));
    }
}
