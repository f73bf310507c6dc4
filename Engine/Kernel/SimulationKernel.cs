using Akka.Actor;
using Akka.Configuration;
using MaLAM4Com.Engine.Clock;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Links;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// Runs one simulation: an actor system with one actor per entity, the channel environment split
/// into partitions, and the clock. Blocks until the run ends and returns its counts.
/// </summary>
public static class SimulationKernel
{
    private const string Dispatcher = "malam4com-dispatcher";

    public static RunResult Run(
        KernelSettings settings,
        Topology topology,
        ILinkModel link,
        FaultPlan faults,
        ITraceSink? trace,
        Action<KernelProgress>? progress = null)
    {
        int partitionCount = settings.EffectivePartitions(topology.Count);
        using var system = ActorSystem.Create("malam4com", SystemConfig(settings.Threads));
        try
        {
            var (_, created) = EntityShelf.Create(system, props => WithDispatcher(props, settings.Threads), "shelf-",
                Enumerable.Range(0, topology.Count).Select(i => (topology.Entities[i].Props(i), $"e{i}")).ToList(),
                timeout: null);
            var entities = created.GetAwaiter().GetResult();
            var map = new PartitionMap(topology, partitionCount);
            var partitions = new IActorRef[partitionCount];
            var buffers = new TraceBufferPool();
            for (int p = 0; p < partitionCount; p++)
            {
                var partition = new ChannelPartition(p, map, link, faults, trace is not null, buffers: buffers);
                var local = map.Entities(p).Select(e => entities[e]).ToList();
                partitions[p] = system.ActorOf(WithDispatcher(ChannelEnvironmentActor.Props(partition, local), settings.Threads), $"channel-{p}");
            }
            var done = new TaskCompletionSource<RunResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            var clock = new SimulationClock(link.MinDelayUs, settings.EndTimeUs, faults.Timeline());
            var clockActor = system.ActorOf(WithDispatcher(ClockActor.Props(clock, map, partitions, trace, done, progress, buffers: buffers), settings.Threads), "clock");
            clockActor.Tell(new KernelMessages.Begin());
            return done.Task.GetAwaiter().GetResult();
        }
        finally
        {
            system.Terminate().Wait();
        }
    }

    private static Props WithDispatcher(Props props, int threads) => threads > 0 ? props.WithDispatcher(Dispatcher) : props;

    private static Akka.Configuration.Config SystemConfig(int threads)
    {
        var hocon = $$"""
            akka {
              loglevel = WARNING
              stdout-loglevel = WARNING
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              log-config-on-start = off
            }
            {{EntityMailbox.Hocon}}
            {{Dispatcher}} {
              type = ForkJoinDispatcher
              throughput = 100
              dedicated-thread-pool {
                thread-count = {{Math.Max(1, threads)}}
                threadtype = background
              }
            }
            """;
        return ConfigurationFactory.ParseString(hocon);
    }
}
