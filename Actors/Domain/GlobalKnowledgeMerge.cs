using System.Collections.Immutable;

namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// The cloud's merge: per region, the sample-weighted average of the edges' aggregates, blended with the
/// LAM's own knowledge on the same anchors (the teacher) at the region's share (<see cref="TeacherWeighting"/>).
/// When elastic, each round with at least two reports in a region re-estimates that share from the reports
/// themselves: the error of the peers' average is estimated by its variance (their spread over their count),
/// the teacher's by its squared distance from that average, and the share that minimises the blend's error is
/// variance / distance, within [0, 1] (E-LASCO's elastic coefficient, set at the cloud). Coordinates no edge
/// covered (an agent sent fewer dimensions) and regions no edge reported come from the teacher alone; a block that
/// is the teacher's alone counts no reports. So does a region's single report: the teacher goes alone there too.
/// Blended, a lone report comes back to its own reporter, whose leave-one-out test of how far to trust it
/// holds out samples the report was fitted to, and so trusts its own echo more than it should; and one report
/// has no spread to weigh it against the teacher by.
/// </summary>
public static class GlobalKnowledgeMerge
{
    public static IReadOnlyList<KnowledgeBlock> Merge(IEnumerable<KnowledgeBlock> edgeBlocks, IReadOnlyDictionary<int, ImmutableArray<float>> teacher, TeacherWeighting weighting)
    {
        if (!(weighting.Share >= 0 && weighting.Share <= 1))
            throw new ArgumentOutOfRangeException(nameof(weighting), weighting.Share, "the teacher's share must be within [0, 1]");
        var fromEdges = KnowledgeAverage.ByRegion(edgeBlocks.Where(b => b.Weight > 0)).ToDictionary(b => b.Region);
        var regions = fromEdges.Keys.Union(teacher.Keys).Order();
        var merged = new List<KnowledgeBlock>();
        foreach (int region in regions)
        {
            bool hasEdges = fromEdges.TryGetValue(region, out var edges);
            bool hasTeacher = teacher.TryGetValue(region, out var lam) && !lam.IsDefaultOrEmpty;
            if (hasEdges && hasTeacher && weighting.Elastic && edges!.IsConsensus)
                weighting.Learn(region, ElasticShare(edges, lam));
            double share = weighting.For(region);
            if (hasTeacher && share == 0 && !hasEdges)
                continue;
            if ((!hasTeacher || share == 0) && hasEdges)
                merged.Add(edges!);
            else if (!hasTeacher)
                continue;
            else if (!hasEdges || share >= 1 || !edges!.IsConsensus)
                merged.Add(new KnowledgeBlock(region, edges?.Weight ?? 0, lam, edges is null ? 0 : TeacherWidth(edges, lam), Count: 0));
            else
            {
                double teacherWeight = edges!.Weight * share / (1 - share);
                var (values, dimension) = KnowledgeAverage.Of([(edges.Weight, edges.Values, edges.Width), (teacherWeight, lam, TeacherWidth(edges, lam))]);
                merged.Add(new KnowledgeBlock(region, edges.Weight, values, dimension, edges.Count, edges.Spread));
            }
        }
        return merged;
    }

    /// <summary>The teacher's share that minimises the blend's error: the variance of the peers' average over the teacher's squared distance from it.</summary>
    public static double ElasticShare(KnowledgeBlock peers, ImmutableArray<float> teacher)
    {
        double variance = peers.Spread / peers.Count;
        double distance = KnowledgeAverage.SquaredDistance(peers, teacher, TeacherWidth(peers, teacher));
        return distance <= 0 ? 1 : Math.Clamp(variance / distance, 0, 1);
    }

    // The teacher covers the same anchors as the edges, at its own (full) dimension.
    private static int TeacherWidth(KnowledgeBlock edges, ImmutableArray<float> teacher) => teacher.Length / (edges.Values.Length / edges.Width);
}
