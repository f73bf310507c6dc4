using System.Collections.Immutable;

namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// The cloud's memory of what its agents knew: each edge's last blocks of each region. A round in which an
/// edge does not report a region it reported before (its agents there all skipped, their reports or its
/// aggregate were lost, its link to the cloud was down) merges that edge's remembered blocks in their place.
/// The global knowledge is then always the average over every edge that ever reported the region, not over
/// whichever got through this round: agents that cooperate by consensus need it, since their corrections
/// balance only over all of them, and it never falls back to the teacher alone while agents save their budget.
/// </summary>
public sealed class PeerKnowledgeMemory
{
    private readonly SortedDictionary<(int Edge, int Region), ImmutableArray<KnowledgeBlock>> _last = new();

    /// <summary>Remembers this round's blocks of each edge, and returns every edge's last blocks of every region, in edge and region order.</summary>
    public IReadOnlyList<KnowledgeBlock> Complete(IEnumerable<(int Edge, IReadOnlyList<KnowledgeBlock> Blocks)> fromEdges)
    {
        foreach (var (edge, blocks) in fromEdges)
        {
            foreach (var region in blocks.Where(b => b.Weight > 0).GroupBy(b => b.Region))
                _last[(edge, region.Key)] = [.. region];
        }
        return _last.Values.SelectMany(b => b).ToList();
    }

    public void Clear() => _last.Clear();
}
