

namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// One record read back from a JSON Lines trace, with entities by name. Message records (send,
/// deliver, drop) fill <see cref="Id"/>, <see cref="Parent"/>, <see cref="From"/>, <see cref="To"/>,
/// <see cref="Type"/>, <see cref="Bytes"/>, <see cref="Round"/> and, for drops, <see cref="Reason"/>.
/// Metrics fill <see cref="Entity"/>, <see cref="Round"/>, <see cref="Name"/> and <see cref="Value"/>;
/// faults fill <see cref="Entity"/> (null for the whole network), <see cref="Name"/> and <see cref="Detail"/>.
/// </summary>
public sealed record TraceEntry
{
    /// <summary>1-based line of the record in its file (0 when read backwards, where it is unknown).</summary>
    public long Line { get; init; }
    public long TimeUs { get; init; }
    public TraceKind Kind { get; init; }
    public long Id { get; init; }
    public long? Parent { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Type { get; init; }
    public long Bytes { get; init; }
    public int? Round { get; init; }
    public string? Reason { get; init; }
    public string? Entity { get; init; }
    public string? Name { get; init; }
    public double Value { get; init; }
    public string? Detail { get; init; }

    public bool IsMessage => Kind is TraceKind.Send or TraceKind.Deliver or TraceKind.Drop;
}
