namespace MaLAM4Com.Engine.Faults;

/// <summary>
/// During [FromUs, ToUs) the network splits into groups; a message between two groups is dropped
/// with reason <c>partition</c>. Entities named in no group form one further group together.
/// </summary>
public sealed record NetworkPartition(IReadOnlyDictionary<int, int> GroupOf, long FromUs, long ToUs, string Description)
{
    public bool Separates(int from, int to) =>
        (GroupOf.TryGetValue(from, out var a) ? a : -1) != (GroupOf.TryGetValue(to, out var b) ? b : -1);
}
