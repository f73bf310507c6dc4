namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// The cloud's memory of what its agents knew, region by region: the last average of the edges' aggregates
/// that reached it. A round in which no edge reports a region (its agents all skipped, or their reports were
/// lost) merges that memory instead, so the global knowledge does not fall back to the teacher alone
/// whenever the agents save their budget.
/// </summary>
public sealed class PeerKnowledgeMemory
{
    private readonly SortedDictionary<int, KnowledgeBlock> _last = new();

    /// <summary>This round's blocks from the edges, plus the remembered block of each region they lack; remembers what came.</summary>
    public IReadOnlyList<KnowledgeBlock> Complete(IReadOnlyList<KnowledgeBlock> fromEdges)
    {
        var fresh = KnowledgeAverage.ByRegion(fromEdges.Where(b => b.Weight > 0));
        var present = fresh.Select(b => b.Region).ToHashSet();
        var completed = fromEdges.Concat(_last.Values.Where(b => !present.Contains(b.Region))).ToList();
        foreach (var block in fresh)
            _last[block.Region] = block;
        return completed;
    }

    public void Clear() => _last.Clear();
}
