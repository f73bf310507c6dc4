namespace MaLAM4Com.Actors.Protocol;

/// <summary>
/// Weighted average of knowledge vectors, coordinate by coordinate, renormalised over the vectors that
/// have that coordinate: an agent that shared fewer embedding dimensions adds to the leading
/// coordinates only. The result is as long as the longest input. Sums run in double, in input order.
/// </summary>
public static class KnowledgeAverage
{
    public static float[] Of(IReadOnlyList<(double Weight, float[] Values)> parts)
    {
        if (parts.Count == 0)
            throw new ArgumentException("nothing to average", nameof(parts));
        int length = parts.Max(p => p.Values.Length);
        var sum = new double[length];
        var weight = new double[length];
        foreach (var (w, values) in parts)
        {
            if (!(w > 0) || double.IsInfinity(w))
                throw new ArgumentOutOfRangeException(nameof(parts), w, "each weight must be a finite number > 0");
            for (int i = 0; i < values.Length; i++)
            {
                sum[i] += w * values[i];
                weight[i] += w;
            }
        }
        var mean = new float[length];
        for (int i = 0; i < length; i++)
            mean[i] = (float)(sum[i] / weight[i]);
        return mean;
    }

    /// <summary>Per region (blocks in region order), the weighted average of the parts of that region and their total weight.</summary>
    public static IReadOnlyList<KnowledgeBlock> ByRegion(IEnumerable<(int Region, double Weight, float[] Values)> parts) =>
        parts.GroupBy(p => p.Region)
            .OrderBy(g => g.Key)
            .Select(g => new KnowledgeBlock(g.Key, g.Sum(p => p.Weight), Of(g.Select(p => (p.Weight, p.Values)).ToList())))
            .ToList();
}
