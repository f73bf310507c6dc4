namespace MaLAM4Com.Engine.Entities;

/// <summary>What an entity asks of the kernel while it handles its events.</summary>
public enum OutgoingKind : byte
{
    Send,
    Timer,
    Metric,
}

/// <summary>
/// A send, a timer or a metric produced by an entity, in handling order. For a send, Target is the
/// destination entity; for a timer, TimeUs is when it fires; for a metric, Name and Value are set.
/// </summary>
public readonly record struct Outgoing(
    OutgoingKind Kind,
    long TimeUs,
    uint Counter,
    int Target,
    long ParentId,
    int Round,
    object? Payload,
    string? Name,
    double Value);
