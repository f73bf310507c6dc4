namespace MaLAM4Com.Engine.Cluster;

/// <summary>
/// How fast a member is declared lost: the failure detector tolerates heartbeats missing for
/// <paramref name="HeartbeatPause"/>, then the split-brain resolver waits until membership has been
/// stable for <paramref name="StableAfter"/> before it downs the unreachable side. Large runs pause
/// for garbage collection and ship large exchanges, hence the generous defaults.
/// </summary>
public sealed record ClusterTimings(TimeSpan HeartbeatPause, TimeSpan StableAfter, TimeSpan JoinTimeout, TimeSpan HostTimeout)
{
    public static readonly ClusterTimings Default = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5));
}
