namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// What a partition re-created after its cluster member was lost starts from: its entities restart
/// at <paramref name="AtUs"/> from the states they saved last (as the clock kept them), and its
/// counters continue from the lost incarnation's last report.
/// </summary>
public sealed record PartitionRestore(long AtUs, int Epoch, IReadOnlyDictionary<int, object?> Snapshots, KernelCounters Counters)
{
    /// <summary>Incarnations a partition may have: each takes its own block of message counters.</summary>
    public const int MaxEpoch = 15;

    /// <summary>Where re-created entities' message counters resume: a block of its own per incarnation keeps message ids unique.</summary>
    public uint CounterFloor => (uint)Epoch << 28;
}
