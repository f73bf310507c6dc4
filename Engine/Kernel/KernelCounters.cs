using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// Message counts of a run: sent, delivered, dropped by reason, and the batches entities were handed (one
/// actor message and its answer each: an entity with events in a window gets them in one batch).
/// </summary>
public sealed class KernelCounters
{
    private readonly SortedDictionary<string, long> _dropped = new(StringComparer.Ordinal);

    public long Sent { get; private set; }

    public long Delivered { get; private set; }

    public long Batches { get; private set; }

    public IReadOnlyDictionary<string, long> DroppedByReason => _dropped;

    public long Dropped => _dropped.Values.Sum();

    public void CountSent() => Sent++;

    public void CountDelivered() => Delivered++;

    public void CountBatch() => Batches++;

    public void CountDropped(DropReason reason) => _dropped[reason.Name()] = _dropped.GetValueOrDefault(reason.Name()) + 1;

    /// <summary>Counters with the given totals (for restored partitions and for messages read off the network).</summary>
    public static KernelCounters Of(long sent, long delivered, long batches, IEnumerable<KeyValuePair<string, long>> droppedByReason)
    {
        var c = new KernelCounters { Sent = sent, Delivered = delivered, Batches = batches };
        foreach (var (reason, n) in droppedByReason)
            c._dropped[reason] = n;
        return c;
    }

    public KernelCounters Copy() => Of(Sent, Delivered, Batches, _dropped);

    public void Add(KernelCounters other)
    {
        Sent += other.Sent;
        Delivered += other.Delivered;
        Batches += other.Batches;
        foreach (var (reason, n) in other._dropped)
            _dropped[reason] = _dropped.GetValueOrDefault(reason) + n;
    }
}
