using System.Collections.Immutable;

namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// The cloud's merge: per region, the sample-weighted average of the edges' aggregates, blended with the
/// LAM's own knowledge (the teacher, at full dimension on the same anchors) at share <c>teacherShare</c>;
/// coordinates no edge covered (an agent
/// sent fewer dimensions) and regions no edge reported come from the teacher alone.
/// </summary>
public static class GlobalKnowledgeMerge
{
    public static IReadOnlyList<KnowledgeBlock> Merge(IEnumerable<KnowledgeBlock> edgeBlocks, IReadOnlyDictionary<int, ImmutableArray<float>> teacher, double teacherShare)
    {
        if (!(teacherShare >= 0 && teacherShare <= 1))
            throw new ArgumentOutOfRangeException(nameof(teacherShare), teacherShare, "the teacher's share must be within [0, 1]");
        var fromEdges = KnowledgeAverage.ByRegion(edgeBlocks.Where(b => b.Weight > 0)).ToDictionary(b => b.Region);
        var regions = fromEdges.Keys.Union(teacher.Keys).Order();
        var merged = new List<KnowledgeBlock>();
        foreach (int region in regions)
        {
            bool hasEdges = fromEdges.TryGetValue(region, out var edges);
            bool hasTeacher = teacher.TryGetValue(region, out var lam) && teacherShare > 0;
            if (!hasTeacher && hasEdges)
                merged.Add(edges!);
            else if (!hasTeacher)
                continue;
            else if (!hasEdges || teacherShare >= 1)
                merged.Add(new KnowledgeBlock(region, edges?.Weight ?? 0, lam, edges is null ? 0 : TeacherWidth(edges, lam)));
            else
            {
                double teacherWeight = edges!.Weight * teacherShare / (1 - teacherShare);
                var (values, dimension) = KnowledgeAverage.Of([(edges.Weight, edges.Values, edges.Width), (teacherWeight, lam, TeacherWidth(edges, lam))]);
                merged.Add(new KnowledgeBlock(region, edges.Weight, values, dimension));
            }
        }
        return merged;
    }

    // The teacher covers the same anchors as the edges, at its own (full) dimension.
    private static int TeacherWidth(KnowledgeBlock edges, ImmutableArray<float> teacher) => teacher.Length / (edges.Values.Length / edges.Width);
}
