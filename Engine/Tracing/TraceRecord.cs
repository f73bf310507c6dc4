namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// One trace record, as the kernel produces it (entities by index; names are resolved when written).
/// Message records (send, deliver, drop) use MessageId, ParentId, From, To, Type, Bytes, Round and,
/// for drops, Reason. Metric records use From (the entity), Round, Name and Value. Fault records use
/// From (the entity, or -1 for the whole network), Name and Reason (a readable detail).
/// Records compare in <see cref="TraceOrder"/>.
/// </summary>
public readonly record struct TraceRecord(
    long TimeUs,
    TraceKind Kind,
    long MessageId,
    long ParentId,
    int From,
    int To,
    string Type,
    int Bytes,
    int Round,
    string? Reason,
    string? Name,
    double Value) : IComparable<TraceRecord>
{
    public const int NoRound = -1;
    public const long NoParent = 0;

    public static TraceRecord Message(TraceKind kind, long timeUs, long id, long parent, int from, int to, string type, int bytes, int round, string? reason = null) =>
        new(timeUs, kind, id, parent, from, to, type, bytes, round, reason, null, 0);

    /// <summary>A metric; <paramref name="id"/> is unique per record (the entity's counter) so that ordering is total.</summary>
    public static TraceRecord Metric(long timeUs, long id, int entity, int round, string name, double value) =>
        new(timeUs, TraceKind.Metric, id, NoParent, entity, -1, "", 0, round, null, name, value);

    public static TraceRecord Fault(long timeUs, int entity, FaultEvent fault, string detail) =>
        new(timeUs, TraceKind.Fault, 0, NoParent, entity, -1, "", 0, NoRound, detail, fault.Name(), 0);

    public int CompareTo(TraceRecord other) => TraceOrder.Compare(this, other);

    public static bool operator <(in TraceRecord left, in TraceRecord right) => TraceOrder.Compare(left, right) < 0;

    public static bool operator >(in TraceRecord left, in TraceRecord right) => TraceOrder.Compare(left, right) > 0;

    public static bool operator <=(in TraceRecord left, in TraceRecord right) => TraceOrder.Compare(left, right) <= 0;

    public static bool operator >=(in TraceRecord left, in TraceRecord right) => TraceOrder.Compare(left, right) >= 0;
}
