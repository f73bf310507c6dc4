using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using MaLAM4Com.Cli.Scenarios;
using MaLAM4Com.Engine.Cluster;

namespace MaLAM4Com.Tests.Cluster;

/// <summary>
/// Members stay reachable while the .NET thread pool, which runs the entities, is busy for longer than the failure detector
/// tolerates: a window that wakes every entity of a large partition queues its mailbox runs there, and heartbeats queued
/// behind them made healthy members down each other.
/// </summary>
public sealed class MembershipStarvationTests
{
    // A heartbeat pause far shorter than the pool is held below: a heartbeat that waited for the pool would be missed.
    private static readonly ClusterTimings Short = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));

    [Fact]
    public void MembersStayReachableWhileThePoolIsBusierThanTheHeartbeatPause()
    {
        using var cluster = new LocalCluster(2, Short, CooperationRun.Build);
        foreach (var member in cluster.Members)
            ClusterRun.WaitForMembers(Akka.Cluster.Cluster.Get(member), 2, TimeSpan.FromSeconds(60), null);
        var unreachable = new ConcurrentQueue<string>();
        foreach (var member in cluster.Members)
        {
            var watcher = member.ActorOf(Props.Create(() => new ReachabilityWatcher(unreachable)));
            Akka.Cluster.Cluster.Get(member).Subscribe(watcher, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.UnreachableMember));
        }

        // More blocked work items than the pool can start threads for in the time held (it adds about two a second when
        // starved): whatever is queued behind them, as the entities' mailbox runs are, waits the whole time.
        var held = TimeSpan.FromSeconds(8);
        int blockers = ThreadPool.ThreadCount + 4 * (int)held.TotalSeconds;
        using (var release = new ManualResetEventSlim())
        using (var ended = new CountdownEvent(blockers))
        {
            for (int i = 0; i < blockers; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ =>
                {
                    release.Wait();
                    ended.Signal();
                }, null);
            }
            Thread.Sleep(held);
            release.Set();
            Assert.True(ended.Wait(TimeSpan.FromSeconds(60)), "the pool did not run every blocked work item");
        }
        // Anything the members decided while the pool was held reaches the watchers.
        Thread.Sleep(TimeSpan.FromSeconds(3));

        Assert.Empty(unreachable);
        foreach (var member in cluster.Members)
            Assert.Equal(2, Akka.Cluster.Cluster.Get(member).State.Members.Count(m => m.Status == MemberStatus.Up));
    }

    private sealed class ReachabilityWatcher : ReceiveActor
    {
        public ReachabilityWatcher(ConcurrentQueue<string> unreachable) =>
            Receive<ClusterEvent.UnreachableMember>(e => unreachable.Enqueue(e.Member.Address.ToString()));
    }
}
