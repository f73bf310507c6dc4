using MaLAM4Com.Engine.Links;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Faults;

/// <summary>
/// Every fault of a run, resolved to entity indices: link-down windows, network partitions, node
/// crashes and the random loss model. Pure: the same inputs give the same fates.
/// </summary>
public sealed class FaultPlan
{
    public static readonly FaultPlan None = new([], [], [], null, []);

    private readonly IReadOnlyList<string> _layers;

    public FaultPlan(
        IReadOnlyList<LinkDownWindow> linkDowns,
        IReadOnlyList<NetworkPartition> partitions,
        IReadOnlyList<NodeCrash> crashes,
        Func<ILossModel>? lossFactory,
        IReadOnlyList<string> layers)
    {
        LinkDowns = linkDowns;
        Partitions = partitions;
        Crashes = crashes;
        LossFactory = lossFactory;
        _layers = layers;
        CrashesByEntity = crashes.GroupBy(c => c.Entity).ToDictionary(g => g.Key, g => (IReadOnlyList<NodeCrash>)g.OrderBy(c => c.AtUs).ToList());
    }

    public IReadOnlyList<LinkDownWindow> LinkDowns { get; }

    public IReadOnlyList<NetworkPartition> Partitions { get; }

    public IReadOnlyList<NodeCrash> Crashes { get; }

    public IReadOnlyDictionary<int, IReadOnlyList<NodeCrash>> CrashesByEntity { get; }

    /// <summary>Makes a fresh loss model (one per kernel partition, since burst loss keeps per-link state); null when there is no random loss.</summary>
    public Func<ILossModel>? LossFactory { get; }

    /// <summary>Why a message sent at <paramref name="timeUs"/> from one entity to another never arrives, by the scheduled faults; null if nothing stops it.</summary>
    public DropReason? ScheduledDropReason(int from, int to, long timeUs)
    {
        foreach (var w in LinkDowns)
        {
            if (timeUs >= w.FromUs && timeUs < w.ToUs && w.Scope.Covers(from, to, _layers))
                return DropReason.LinkDown;
        }
        foreach (var p in Partitions)
        {
            if (timeUs >= p.FromUs && timeUs < p.ToUs && p.Separates(from, to))
                return DropReason.Partition;
        }
        return null;
    }

    public bool IsDown(int entity, long timeUs)
    {
        if (!CrashesByEntity.TryGetValue(entity, out var crashes))
            return false;
        foreach (var c in crashes)
        {
            if (c.IsDownAt(timeUs))
                return true;
        }
        return false;
    }

    /// <summary>The fault timeline as trace records (starts and ends of every window, crashes, restarts), in time order.</summary>
    public IReadOnlyList<TraceRecord> Timeline()
    {
        var records = new List<TraceRecord>();
        foreach (var w in LinkDowns)
        {
            int entity = w.Scope.Kind == LinkScopeKind.Layer ? -1 : w.Scope.A;
            records.Add(TraceRecord.Fault(w.FromUs, entity, FaultEvent.LinkDown, w.Scope.Description));
            records.Add(TraceRecord.Fault(w.ToUs, entity, FaultEvent.LinkUp, w.Scope.Description));
        }
        foreach (var p in Partitions)
        {
            records.Add(TraceRecord.Fault(p.FromUs, -1, FaultEvent.PartitionStart, p.Description));
            records.Add(TraceRecord.Fault(p.ToUs, -1, FaultEvent.PartitionEnd, p.Description));
        }
        foreach (var c in Crashes)
        {
            records.Add(TraceRecord.Fault(c.AtUs, c.Entity, FaultEvent.Crash, c.RestartAtUs is null ? "no restart" : $"restarts at {c.RestartAtUs}us"));
            if (c.RestartAtUs is { } r)
                records.Add(TraceRecord.Fault(r, c.Entity, FaultEvent.Restart, c.RestoreState ? "from last saved state" : "from initial state"));
        }
        records.Sort();
        return records;
    }
}
