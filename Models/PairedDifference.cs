using MathNet.Numerics.Statistics;

namespace MaLAM4Com.Models;

/// <summary>
/// How two methods compare region by region: the mean of the per-region differences (first minus
/// second, in dB), its standard error across regions, and on how many regions the first is lower.
/// A mean difference within about two standard errors of zero is a tie, whichever way it leans.
/// </summary>
public sealed record PairedDifference(double MeanDb, double StandardErrorDb, int FirstLower, int Regions)
{
    public static PairedDifference Of(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        if (first.Count != second.Count)
            throw new ArgumentException($"paired values need as many of each: {first.Count} against {second.Count}", nameof(second));
        if (first.Count < 2)
            throw new ArgumentException($"a standard error needs at least 2 pairs, got {first.Count}", nameof(first));
        var diff = first.Zip(second, (a, b) => a - b).ToArray();
        return new PairedDifference(diff.Mean(), diff.StandardDeviation() / Math.Sqrt(diff.Length), diff.Count(d => d < 0), diff.Length);
    }
}
