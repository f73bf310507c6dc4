using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// Weighted average of knowledge vectors laid out anchor by anchor (<c>dimension</c> values each), coordinate
/// by coordinate, renormalised over the vectors that have that coordinate: an agent that shared fewer
/// embedding dimensions adds to each anchor's leading coordinates only. The result has the largest
/// dimension. Every vector must cover the same anchors. Sums run in double, in input order.
/// </summary>
public static class KnowledgeAverage
{
    public static (ImmutableArray<float> Values, int Dimension) Of(IReadOnlyList<(double Weight, ImmutableArray<float> Values, int Dimension)> parts)
    {
        if (parts.Count == 0)
            throw new ArgumentException("nothing to average", nameof(parts));
        int dimension = parts.Max(p => p.Dimension);
        int anchors = parts[0].Values.Length / parts[0].Dimension;
        var sum = new double[anchors * dimension];
        var weight = new double[anchors * dimension];
        foreach (var (w, values, d) in parts)
        {
            if (!(w > 0) || double.IsInfinity(w))
                throw new ArgumentOutOfRangeException(nameof(parts), w, "each weight must be a finite number > 0");
            if (d < 1 || values.Length != anchors * d)
                throw new ArgumentException($"a vector of {values.Length} values is not {anchors} anchors x {d} dimensions", nameof(parts));
            for (int a = 0; a < anchors; a++)
            {
                for (int k = 0; k < d; k++)
                {
                    sum[a * dimension + k] += w * values[a * d + k];
                    weight[a * dimension + k] += w;
                }
            }
        }
        var mean = new float[sum.Length];
        for (int i = 0; i < mean.Length; i++)
            mean[i] = (float)(sum[i] / weight[i]);
        return (ImmutableCollectionsMarshal.AsImmutableArray(mean), dimension);
    }

    /// <summary>Vectors that are each one anchor's knowledge (of different lengths).</summary>
    public static ImmutableArray<float> Of(IReadOnlyList<(double Weight, ImmutableArray<float> Values)> parts) =>
        Of(parts.Select(p => (p.Weight, p.Values, p.Values.Length)).ToList()).Values;

    /// <summary>
    /// Per region (blocks in region order), the weighted average of that region's blocks, their total weight and
    /// count, and their spread around the average (each block's own spread plus its squared distance from the
    /// average, weighted: the law of total variance).
    /// </summary>
    public static IReadOnlyList<KnowledgeBlock> ByRegion(IEnumerable<KnowledgeBlock> parts) =>
        parts.GroupBy(p => p.Region)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var blocks = g.ToList();
                var (values, dimension) = Of(blocks.Select(p => (p.Weight, p.Values, p.Width)).ToList());
                double weight = blocks.Sum(p => p.Weight);
                double spread = blocks.Sum(p => p.Weight * (p.Spread + SquaredDistance(p, values, dimension))) / weight;
                return new KnowledgeBlock(g.Key, weight, values, dimension, blocks.Sum(p => p.Count), spread);
            })
            .ToList();

    /// <summary>Squared distance of a block from an average laid out at <paramref name="dimension"/> per anchor, over the block's own coordinates.</summary>
    public static double SquaredDistance(KnowledgeBlock block, ImmutableArray<float> mean, int dimension)
    {
        int width = block.Width, anchors = block.Values.Length / width;
        double sum = 0;
        for (int a = 0; a < anchors; a++)
            for (int k = 0; k < width; k++)
            {
                double d = block.Values[a * width + k] - mean[a * dimension + k];
                sum += d * d;
            }
        return sum;
    }
}
