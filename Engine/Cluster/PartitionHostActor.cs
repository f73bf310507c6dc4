using Akka.Actor;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Tracing;
using static MaLAM4Com.Engine.Cluster.ClusterMessages;

namespace MaLAM4Com.Engine.Cluster;

/// <summary>
/// One per cluster member, at <c>/user/malam4com-host</c>: builds a run's inputs from its spec
/// (once per run), creates the partitions the placement gives it with their entities, all local to
/// this member, on the .NET pool (<see cref="ClusterMember.SimulationDispatcher"/>), and stops them when the run ends.
/// A partition's entities are made on shelves (<see cref="EntityShelf"/>) first; the partition, and the answer to the
/// placement, follow when they exist.
/// Every <c>aliveInterval</c> it tells the placement which of its partitions are still working on a window
/// (<see cref="PartitionWorking"/>): it runs on Akka's own threads, so it speaks while the window's work floods the pool.
/// </summary>
public sealed class PartitionHostActor : UntypedActor, IWithTimers
{
    public const string Name = "malam4com-host";

    private sealed record Tick;

    private sealed record Working(int Partition, int Epoch, WindowActivity Activity, IActorRef Placement);

    private sealed record EntitiesCreated(Host Host, IActorRef ReplyTo, IActorRef[] Entities);

    private sealed record EntitiesFailed(Host Host, IActorRef ReplyTo, string Reason);

    private readonly RunBuilder _builder;
    private readonly TimeSpan _aliveInterval;
    // Per run: its inputs, the partition map every partition hosted here shares (built once: it orders the whole topology), its actors and partitions.
    private readonly Dictionary<string, (ClusterRunInputs Inputs, PartitionMap Map, List<IActorRef> Actors, List<Working> Partitions)> _runs = new();

    public PartitionHostActor(RunBuilder builder, TimeSpan aliveInterval)
    {
        _builder = builder;
        _aliveInterval = aliveInterval;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RunBuilder builder, TimeSpan aliveInterval) => Akka.Actor.Props.Create(() => new PartitionHostActor(builder, aliveInterval));

    protected override void PreStart() => Timers.StartPeriodicTimer("alive", new Tick(), _aliveInterval);

    public static ActorSelection At(IActorRefFactory factory, Address member) =>
        factory.ActorSelection(new RootActorPath(member) / "user" / Name);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Host h:
                Answering(h, Sender, () => CreateEntities(h, Sender));
                break;
            case EntitiesCreated created:
                // A run ended meanwhile stopped the shelves with its other actors; nobody waits for the partition.
                if (_runs.ContainsKey(created.Host.Spec.RunId))
                    Answering(created.Host, created.ReplyTo, () => created.ReplyTo.Tell(CreatePartition(created.Host, created.ReplyTo, created.Entities)));
                break;
            case EntitiesFailed failed:
                failed.ReplyTo.Tell(new HostFailed(failed.Host.Partition, $"{Self.Path.Address}: {failed.Reason}"));
                break;
            case EndRun end when _runs.Remove(end.RunId, out var run):
                foreach (var actor in run.Actors)
                    Context.Stop(actor);
                break;
            case EndRun:
                break;
            case Tick:
                foreach (var run in _runs.Values)
                {
                    foreach (var w in run.Partitions)
                    {
                        if (w.Activity.Working is { } window)
                            w.Placement.Tell(new PartitionWorking(w.Partition, w.Epoch, window));
                    }
                }
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    // Runs one step of hosting a partition; a step that throws fails the partition's placement.
    private void Answering(Host h, IActorRef replyTo, Action step)
    {
        try
        {
            step();
        }
        catch (Exception e)
        {
            replyTo.Tell(new HostFailed(h.Partition, $"{Self.Path.Address}: {e.Message}"));
        }
    }

    // Builds the run's inputs (once per run) and creates the partition's entities on shelves; the partition follows when they exist.
    private void CreateEntities(Host h, IActorRef replyTo)
    {
        var spec = h.Spec;
        if (!_runs.TryGetValue(spec.RunId, out var run))
        {
            var built = _builder(spec);
            _runs[spec.RunId] = run = (built, new PartitionMap(built.Topology, h.PartitionCount), new List<IActorRef>(), new List<Working>());
        }
        var (inputs, map, actors, _) = run;
        var topology = inputs.Topology;
        int epoch = h.Restore?.Epoch ?? 0;
        var entities = map.Entities(h.Partition)
            .Select(e => (topology.Entities[e].Props(e), $"{spec.RunId}-e{e}"))
            .ToList();
        var (shelves, created) = EntityShelf.Create(Context, props => props.WithDispatcher(ClusterMember.SimulationDispatcher), $"{spec.RunId}-p{h.Partition}-{epoch}-shelf-", entities, timeout: null);
        actors.AddRange(shelves);
        created.PipeTo(Self, success: refs => new EntitiesCreated(h, replyTo, refs), failure: e => new EntitiesFailed(h, replyTo, e.GetBaseException().Message));
    }

    private Hosted CreatePartition(Host h, IActorRef placement, IReadOnlyList<IActorRef> entities)
    {
        var spec = h.Spec;
        var (inputs, map, actors, working) = _runs[spec.RunId];
        var topology = inputs.Topology;
        int p = h.Partition;
        int epoch = h.Restore?.Epoch ?? 0;
        var file = spec.TracePath.Length > 0 ? TraceFiles.Partition(spec.TracePath, p, epoch) : "";
        var trace = file.Length > 0 ? new JsonLinesTraceWriter(file, topology.Names, keepPartial: true) : null;
        var partition = new ChannelPartition(p, map, inputs.Link, inputs.Faults, trace is not null, h.Restore, recoverable: inputs.Recovery);
        var activity = new WindowActivity();
        var actor = Context.ActorOf(ChannelEnvironmentActor.Props(partition, entities, trace, epoch, activity).WithDispatcher(ClusterMember.SimulationDispatcher), $"{spec.RunId}-p{p}-{epoch}");
        actors.Add(actor);
        // A re-created partition replaces the lost incarnation here, if it lived here; the placement asked for it.
        working.RemoveAll(w => w.Partition == p);
        working.Add(new Working(p, epoch, activity, placement));
        return new Hosted(p, actor, partition.NextEventTimeUs, file);
    }
}
