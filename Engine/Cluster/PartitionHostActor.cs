using Akka.Actor;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Tracing;
using static MaLAM4Com.Engine.Cluster.ClusterMessages;

namespace MaLAM4Com.Engine.Cluster;

/// <summary>
/// One per cluster member, at <c>/user/malam4com-host</c>: builds a run's inputs from its spec
/// (once per run), creates the partitions the placement gives it with their entities, all local to
/// this member, on the .NET pool (<see cref="ClusterMember.SimulationDispatcher"/>), and stops them when the run ends.
/// </summary>
public sealed class PartitionHostActor : UntypedActor
{
    public const string Name = "malam4com-host";

    private readonly RunBuilder _builder;
    private readonly Dictionary<string, (ClusterRunInputs Inputs, List<IActorRef> Actors)> _runs = new();

    public PartitionHostActor(RunBuilder builder)
    {
        _builder = builder;
    }

    public static Props Props(RunBuilder builder) => Akka.Actor.Props.Create(() => new PartitionHostActor(builder));

    public static ActorSelection At(IActorRefFactory factory, Address member) =>
        factory.ActorSelection(new RootActorPath(member) / "user" / Name);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Host h:
                try
                {
                    Sender.Tell(Create(h));
                }
                catch (Exception e)
                {
                    Sender.Tell(new HostFailed(h.Partition, $"{Self.Path.Address}: {e.Message}"));
                }
                break;
            case EndRun end when _runs.Remove(end.RunId, out var run):
                foreach (var actor in run.Actors)
                    Context.Stop(actor);
                break;
            case EndRun:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private Hosted Create(Host h)
    {
        var spec = h.Spec;
        if (!_runs.TryGetValue(spec.RunId, out var run))
            _runs[spec.RunId] = run = (_builder(spec), new List<IActorRef>());
        var (inputs, actors) = run;
        var topology = inputs.Topology;
        int p = h.Partition;
        int epoch = h.Restore?.Epoch ?? 0;
        var entities = new List<IActorRef>();
        for (int e = p; e < topology.Count; e += h.PartitionCount)
            entities.Add(Context.ActorOf(topology.Entities[e].Props(e).WithDispatcher(ClusterMember.SimulationDispatcher), $"{spec.RunId}-e{e}"));
        actors.AddRange(entities);
        var file = spec.TracePath.Length > 0 ? TraceFiles.Partition(spec.TracePath, p, epoch) : "";
        var trace = file.Length > 0 ? new JsonLinesTraceWriter(file, topology.Names, keepPartial: true) : null;
        var partition = new ChannelPartition(p, h.PartitionCount, topology.Count, inputs.Link, inputs.Faults, trace is not null, h.Restore, recoverable: true);
        var actor = Context.ActorOf(ChannelEnvironmentActor.Props(partition, entities, trace, epoch).WithDispatcher(ClusterMember.SimulationDispatcher), $"{spec.RunId}-p{p}-{epoch}");
        actors.Add(actor);
        return new Hosted(p, actor, partition.NextEventTimeUs, file);
    }
}
