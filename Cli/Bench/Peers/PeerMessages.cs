using MaLAM4Com.Engine.Entities;

namespace MaLAM4Com.Cli.Bench.Peers;

/// <summary>The messages of the peer round scenario (sizes as in bench/peers/round_simpy.py and round_ns3.cc).</summary>
public static class PeerMessages
{
    public sealed record Report(int Round) : ISimMessage
    {
        public int SizeBytes => 256;
    }

    public sealed record Aggregate(int Round, int Reports) : ISimMessage
    {
        public int SizeBytes => 1024;
    }

    public sealed record Global(int Round) : ISimMessage
    {
        public int SizeBytes => 1024;
    }

    /// <summary>Timer payload: round <c>Round</c> starts (agents) or closes (edges, cloud).</summary>
    public sealed record Tick(int Round);
}
