namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// The order records are written in: time, then kind (faults, deliveries, sends, drops, metrics: at
/// one instant, what happened to the network comes first and causes precede their effects), then
/// message id (or, for metrics and faults, entity and name). Total on the records the kernel
/// produces, so traces do not depend on threads.
/// </summary>
public sealed class TraceOrder : IComparer<TraceRecord>
{
    public static readonly TraceOrder Instance = new();

    public int Compare(TraceRecord x, TraceRecord y)
    {
        int c = x.TimeUs.CompareTo(y.TimeUs);
        if (c != 0) return c;
        c = Rank(x.Kind).CompareTo(Rank(y.Kind));
        if (c != 0) return c;
        c = x.MessageId.CompareTo(y.MessageId);
        if (c != 0) return c;
        c = x.From.CompareTo(y.From);
        if (c != 0) return c;
        return string.CompareOrdinal(x.Name, y.Name);
    }

    /// <summary>Where a kind of record comes among the records of one instant.</summary>
    public static int Rank(TraceKind kind) => kind switch
    {
        TraceKind.Fault => 0,
        TraceKind.Deliver => 1,
        TraceKind.Send => 2,
        TraceKind.Drop => 3,
        _ => 4,
    };
}
