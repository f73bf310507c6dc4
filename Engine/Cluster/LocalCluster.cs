using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Remote;
using Akka.Remote.Transport;

namespace MaLAM4Com.Engine.Cluster;

/// <summary>
/// A cluster of members inside one process, on free loopback ports: the first is the seed and the
/// driver. For tests and for the cluster benchmark. A member can be cut off from the others
/// (<see cref="Isolate"/>, when built isolatable), as if its process hung or its network failed.
/// </summary>
public sealed class LocalCluster : IDisposable
{
    private const string Host = "127.0.0.1";
    private readonly List<ActorSystem> _members = new();

    /// <param name="isolatable">Route traffic through Akka's throttling transport adapter, which <see cref="Isolate"/> needs.</param>
    public LocalCluster(int members, ClusterTimings timings, RunBuilder builder, bool isolatable = false)
    {
        var extra = isolatable ? "akka.remote.dot-netty.tcp.applied-adapters = [trttl]" : "";
        try
        {
            for (int i = 0; i < members; i++)
                _members.Add(ClusterMember.Start(Host, FreePort(), [], i == 0 ? "driver" : "worker", timings, builder, extra));
            // Joined here rather than through configured seed nodes: with the throttling adapter the address scheme differs.
            var seed = Akka.Cluster.Cluster.Get(_members[0]).SelfAddress;
            foreach (var m in _members)
                Akka.Cluster.Cluster.Get(m).JoinSeedNodes([seed]);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<ActorSystem> Members => _members;

    public ActorSystem Driver => _members[0];

    /// <summary>
    /// Drops all traffic between member <paramref name="index"/> and the others: each side stops hearing
    /// the other's heartbeats, and the split-brain resolver downs the minority (the member itself shuts down).
    /// </summary>
    public void Isolate(int index)
    {
        var provider = (IRemoteActorRefProvider)((ExtendedActorSystem)_members[index]).Provider;
        foreach (var other in _members.Where((_, i) => i != index))
        {
            var address = Akka.Cluster.Cluster.Get(other).SelfAddress;
            provider.Transport.ManagementCommand(new SetThrottle(address, ThrottleTransportAdapter.Direction.Both, Blackhole.Instance)).Wait(TimeSpan.FromSeconds(30));
        }
    }

    // One after the other, the driver last: each leaves while the others still listen, which keeps the shutdown quiet.
    public void Dispose()
    {
        for (int i = _members.Count - 1; i >= 0; i--)
        {
            _members[i].Terminate().Wait(TimeSpan.FromSeconds(30));
            _members[i].Dispose();
        }
    }

    /// <summary>A TCP port free on the loopback interface now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
