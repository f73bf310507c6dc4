using Akka.Actor;
using Akka.Cluster;
using MaLAM4Com.Engine.Kernel;
using static MaLAM4Com.Engine.Cluster.ClusterMessages;
using static MaLAM4Com.Engine.Kernel.RecoveryMessages;

namespace MaLAM4Com.Engine.Cluster;

/// <summary>
/// Places a run's partitions on the cluster's members, on the driver: at the start partition p goes
/// to the p-th Up member in address order (modulo their count); a partition lost with its member
/// is re-created on the surviving member that hosts fewest. Placement never changes a trace, since
/// which entities a partition owns depends only on its number. Keeps every incarnation's trace file.
/// Hears the hosts say that their partitions are still working on a window, and counts it for the run's
/// watchdog: it runs on Akka's own threads, which a window's work does not hold up, unlike the clock.
/// </summary>
public sealed class PlacementActor : UntypedActor, IWithTimers
{
    private sealed record HostTimeout(long Request);

    private readonly RunSpec _spec;
    private readonly int _partitionCount;
    private readonly TimeSpan _hostTimeout;
    private readonly AliveReports _alive;
    private readonly List<Incarnation> _incarnations = new();
    private readonly Dictionary<int, Incarnation> _current = new();
    private readonly Dictionary<int, Hosted> _answers = new();
    private HashSet<int> _awaited = [];
    private IActorRef _requester = ActorRefs.Nobody;
    private bool _replacing;
    private long _request;

    public PlacementActor(RunSpec spec, int partitionCount, TimeSpan hostTimeout, AliveReports alive)
    {
        _alive = alive;
        _spec = spec;
        _partitionCount = partitionCount;
        _hostTimeout = hostTimeout;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RunSpec spec, int partitionCount, TimeSpan hostTimeout, AliveReports alive) =>
        Akka.Actor.Props.Create(() => new PlacementActor(spec, partitionCount, hostTimeout, alive));

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case PlaceAll:
                _requester = Sender;
                TryRequest(() =>
                {
                    var members = UpMembers([]);
                    return Enumerable.Range(0, _partitionCount).Select(p => (p, members[p % members.Count], (PartitionRestore?)null)).ToList();
                }, replacing: false);
                break;
            case Replace r:
                _requester = Sender;
                foreach (var lost in r.Partitions)
                    _incarnations[_incarnations.IndexOf(_current[lost.Partition])] = _current[lost.Partition] with { Lost = true, VoidFromUs = lost.VoidFromUs };
                TryRequest(() => Assign(r.Partitions), replacing: true);
                break;
            case Hosted h when _awaited.Contains(h.Partition):
                _answers[h.Partition] = h;
                if (_answers.Count == _awaited.Count)
                    Answer();
                break;
            case HostFailed f:
                Fail($"partition {f.Partition} could not be created: {f.Reason}");
                break;
            case HostTimeout t when t.Request == _request && _answers.Count < _awaited.Count:
                Fail($"no answer within {_hostTimeout.TotalSeconds:F0}s from the members asked to host partitions {string.Join(", ", _awaited.Except(_answers.Keys))}");
                break;
            case PartitionWorking:
                _alive.Heard();
                break;
            case GetIncarnations:
                Sender.Tell(_incarnations.ToList());
                break;
            case Hosted or HostTimeout:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    // Up and reachable members in address order, without those just lost.
    private static List<Address> UpMembers(IReadOnlyCollection<Address> exclude)
    {
        var state = Akka.Cluster.Cluster.Get(Context.System).State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var members = state.Members.Where(m => m.Status == MemberStatus.Up && !unreachable.Contains(m.Address) && !exclude.Contains(m.Address))
            .Select(m => m.Address).OrderBy(a => a, Member.AddressOrdering).ToList();
        if (members.Count == 0)
            throw new SimulationFailedException("no cluster member is left to host partitions");
        return members;
    }

    private List<(int, Address, PartitionRestore?)> Assign(IReadOnlyList<LostPartition> lost)
    {
        var survivors = UpMembers(lost.Select(l => l.Member).ToHashSet());
        var load = survivors.ToDictionary(a => a, a => _current.Values.Count(i => i.Member.Equals(a)));
        var assigned = new List<(int, Address, PartitionRestore?)>();
        foreach (var l in lost)
        {
            var target = survivors.OrderBy(a => load[a]).First();
            load[target]++;
            assigned.Add((l.Partition, target, l.Restore));
        }
        return assigned;
    }

    private void TryRequest(Func<List<(int, Address, PartitionRestore?)>> assign, bool replacing)
    {
        try
        {
            Request(assign(), replacing);
        }
        catch (SimulationFailedException e)
        {
            Fail(e.Message);
        }
    }

    private void Request(List<(int Partition, Address Member, PartitionRestore? Restore)> assignments, bool replacing)
    {
        _replacing = replacing;
        _answers.Clear();
        _awaited = assignments.Select(a => a.Partition).ToHashSet();
        _request++;
        foreach (var (p, member, restore) in assignments)
        {
            _current[p] = new Incarnation(p, restore?.Epoch ?? 0, member, "", false);
            PartitionHostActor.At(Context, member).Tell(new Host(_spec, _partitionCount, p, restore));
        }
        Timers.StartSingleTimer("host", new HostTimeout(_request), _hostTimeout);
    }

    private void Answer()
    {
        foreach (var h in _answers.Values)
        {
            var incarnation = _current[h.Partition] with { TraceFile = h.TraceFile };
            _current[h.Partition] = incarnation;
            _incarnations.Add(incarnation);
        }
        var hosted = _answers.Values.OrderBy(h => h.Partition).ToList();
        _awaited = [];
        if (_replacing)
            _requester.Tell(new Replaced(hosted.Select(h => new Replacement(h.Partition, h.Ref, _current[h.Partition].Member, h.NextEventUs)).ToList()));
        else
            _requester.Tell(new Placed(hosted));
    }

    private void Fail(string reason)
    {
        _awaited = [];
        _requester.Tell(new ReplaceFailed(reason));
    }
}
