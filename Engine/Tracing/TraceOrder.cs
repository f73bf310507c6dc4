namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// The order records are written in: time, then kind (faults, deliveries, sends, drops, metrics: at
/// one instant, what happened to the network comes first and causes precede their effects), then
/// message id (or, for metrics and faults, entity and name). Total on the records the kernel
/// produces, so traces do not depend on threads. It is <see cref="TraceRecord"/>'s natural order, so
/// that sorts and merges of millions of records call it inline rather than through a comparer object.
/// </summary>
public static class TraceOrder
{
    public static int Compare(in TraceRecord x, in TraceRecord y)
    {
        if (x.TimeUs != y.TimeUs)
            return x.TimeUs < y.TimeUs ? -1 : 1;
        if (x.Kind != y.Kind)
            return Rank(x.Kind) - Rank(y.Kind);
        if (x.MessageId != y.MessageId)
            return x.MessageId < y.MessageId ? -1 : 1;
        if (x.From != y.From)
            return x.From < y.From ? -1 : 1;
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
