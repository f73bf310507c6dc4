using MathNet.Numerics.Statistics;

namespace MaLAM4Com.Models;

/// <summary>
/// How two methods compare on the same cases (regions, agents): the mean of the per-case differences (first
/// minus second, in the unit the values come in), its standard error across the cases, and in how many cases
/// the first is lower. A mean difference within about two standard errors of zero is a tie, whichever way it leans.
/// </summary>
public sealed record PairedDifference(double Mean, double StandardError, int FirstLower, int Pairs)
{
    /// <summary>Standard errors the mean difference must exceed to count: a two-sided test at about 5 %.</summary>
    public const double Resolution = 2;

    /// <summary>Whether the cases resolve the difference: its mean lies more than <see cref="Resolution"/> standard errors from zero.</summary>
    public bool Resolved => Math.Abs(Mean) > Resolution * StandardError;

    /// <summary>
    /// Whether the mean difference is below <paramref name="smallest"/> in size or unresolved: neither is lower. Two
    /// estimators that are one but for float rounding differ by far less than any figure a report prints, and their
    /// cases may still resolve it.
    /// </summary>
    public bool Tie(double smallest) => Math.Abs(Mean) < smallest || !Resolved;

    /// <summary>Whether the first is lower, by at least <paramref name="smallest"/> and resolved: what "the first beats the second" claims.</summary>
    public bool FirstLowerBy(double smallest) => Mean < 0 && !Tie(smallest);

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
