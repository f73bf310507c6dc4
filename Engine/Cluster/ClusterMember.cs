using Akka.Actor;
using Akka.Configuration;

namespace MaLAM4Com.Engine.Cluster;

/// <summary>
/// Starts one cluster member: an actor system named <see cref="SystemName"/> on HOST:PORT that joins
/// the seed nodes and runs a <see cref="PartitionHostActor"/>. Every member runs the same
/// configuration: the kernel's serializer for its messages, Hyperion for what they carry, and a split-brain resolver (keep-majority)
/// that downs the minority side of a partition or a crashed member, so that the run can go on.
/// Akka's own actors (membership: heartbeats, failure detection, downing; remoting, which every message between
/// members goes through), its timers (<see cref="DedicatedThreadScheduler"/>) and socket completions
/// (<see cref="InlineSocketCompletions"/>) run on threads of their own, the run's actors (<see cref="SimulationDispatcher"/>)
/// on the .NET pool: a window that wakes every entity of a large partition queues tens of thousands of mailbox runs
/// on the pool, and heartbeats queued behind them on one busy core waited past the failure detector's pause, so
/// healthy members downed each other mid-run.
/// </summary>
public static class ClusterMember
{
    public const string SystemName = "malam4com";

    /// <summary>The dispatcher of a run's actors (entities, partitions, clock): the .NET pool, as in one process.</summary>
    public const string SimulationDispatcher = "malam4com-simulation-dispatcher";

    public static ActorSystem Start(string host, int port, IReadOnlyList<string> seedNodes, string role, ClusterTimings timings, RunBuilder builder, string extraHocon = "")
    {
        InlineSocketCompletions.Enable();
        var system = ActorSystem.Create(SystemName, Config(host, port, seedNodes, role, timings, extraHocon));
        system.ActorOf(PartitionHostActor.Props(builder, timings.AliveInterval), PartitionHostActor.Name);
        return system;
    }

    public static string Address(string host, int port) => $"akka.tcp://{SystemName}@{host}:{port}";

    public static Akka.Configuration.Config Config(string host, int port, IReadOnlyList<string> seedNodes, string role, ClusterTimings timings, string extraHocon)
    {
        var seeds = string.Join(", ", seedNodes.Select(s => $"\"{s}\""));
        var hocon = $$"""
            {{extraHocon}}
            akka {
              loglevel = WARNING
              stdout-loglevel = WARNING
              loggers = ["{{typeof(StderrLogger).FullName}}, {{typeof(StderrLogger).Assembly.GetName().Name}}"]
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              actor {
                provider = cluster
                serializers.malam4com-kernel = "{{typeof(KernelSerializer).FullName}}, {{typeof(KernelSerializer).Assembly.GetName().Name}}"
                # Payloads and saved states (any type) in binary; measured 20-50x faster and 4.6x smaller than JSON (see KernelSerializer).
                serializers.hyperion = "Akka.Serialization.HyperionSerializer, Akka.Serialization.Hyperion"
                serialization-bindings {
                  "System.Object" = hyperion
            {{string.Join("\n", KernelSerializer.Bindings.Select(t => $"      \"{t.FullName}, {t.Assembly.GetName().Name}\" = malam4com-kernel"))}}
                }
              }
              # Akka's timers too: its own scheduler ticks on the pool.
              scheduler.implementation = "{{typeof(DedicatedThreadScheduler).FullName}}, {{typeof(DedicatedThreadScheduler).Assembly.GetName().Name}}"
              # Whatever names no dispatcher is Akka's (the cluster's daemons take the default one, whatever
              # akka.cluster.use-dispatcher says): dedicated threads, which the OS schedules beside the pool's
              # however long the pool's queue is. Remoting gets two: one can serialise a large exchange while
              # the other passes heartbeats.
              actor.default-dispatcher = {{Dedicated(2)}}
              actor.internal-dispatcher = {{Dedicated(1)}}
              remote.default-remote-dispatcher = {{Dedicated(2)}}
              # Members come and go on purpose; the cluster's own events say so.
              remote.log-remote-lifecycle-events = off
              remote.dot-netty.tcp {
                hostname = "{{host}}"
                port = {{port}}
                # A window's exchange between two partitions of a 10^5-agent run is megabytes.
                maximum-frame-size = 256MiB
                send-buffer-size = 4MiB
                receive-buffer-size = 4MiB
              }
              cluster {
                seed-nodes = [{{seeds}}]
                roles = ["{{role}}"]
                log-info = off
                failure-detector {
                  heartbeat-interval = 1s
                  acceptable-heartbeat-pause = {{(int)timings.HeartbeatPause.TotalMilliseconds}}ms
                }
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-majority
                  stable-after = {{(int)timings.StableAfter.TotalMilliseconds}}ms
                  down-all-when-unstable = on
                }
              }
            }
            {{Kernel.EntityMailbox.Hocon}}
            {{SimulationDispatcher}} {
              type = Dispatcher
              executor = default-executor
              throughput = 30
            }
            """;
        return ConfigurationFactory.ParseString(hocon);
    }

    private static string Dedicated(int threads) =>
        $"{{ type = ForkJoinDispatcher, executor = fork-join-executor, throughput = 30, dedicated-thread-pool {{ thread-count = {threads}, threadtype = background }} }}";
}
