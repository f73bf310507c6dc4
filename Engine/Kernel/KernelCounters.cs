using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>Message counts of a run: sent, delivered, dropped by reason, and still pending at the end.</summary>
public sealed class KernelCounters
{
    private readonly SortedDictionary<string, long> _dropped = new(StringComparer.Ordinal);

    public long Sent { get; private set; }

    public long Delivered { get; private set; }

    public IReadOnlyDictionary<string, long> DroppedByReason => _dropped;

    public long Dropped => _dropped.Values.Sum();

    public void CountSent() => Sent++;

    public void CountDelivered() => Delivered++;

    public void CountDropped(DropReason reason) => _dropped[reason.Name()] = _dropped.GetValueOrDefault(reason.Name()) + 1;

    /// <summary>Counters with the given totals (for restored partitions and for messages read off the network).</summary>
    public static KernelCounters Of(long sent, long delivered, IEnumerable<KeyValuePair<string, long>> droppedByReason)
    {
        var c = new KernelCounters { Sent = sent, Delivered = delivered };
        foreach (var (reason, n) in droppedByReason)
            c._dropped[reason] = n;
        return c;
    }

    public KernelCounters Copy() => Of(Sent, Delivered, _dropped);

    public void Add(KernelCounters other)
    {
        Sent += other.Sent;
        Delivered += other.Delivered;
        foreach (var (reason, n) in other._dropped)
            _dropped[reason] = _dropped.GetValueOrDefault(reason) + n;
    }
}
