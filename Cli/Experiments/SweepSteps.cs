using MaLAM4Com.Models;

namespace MaLAM4Com.Cli.Experiments;

/// <summary>
/// How a sweep moves, step by step, and whether two fidelities' runs of it move the same way. A step moves when the region
/// mean changes by at least <see cref="MethodRanking.SmallestDifferenceDb"/> and the regions resolve that change: each region
/// gives its change in dB, and their mean must lie more than two standard errors from zero (a single region: the size
/// alone). Smaller or unresolved changes are flat: they fall either way from one seed to the next, as near methods do.
/// </summary>
public static class SweepSteps
{
    /// <summary>The steps between neighbouring points, then the whole sweep (first point to last) when it has more than one step.</summary>
    /// <param name="points">In sweep order: the swept value and each region's NMSE in dB; a failed point's regions are empty.</param>
    public static IReadOnlyList<SweepStep> Of(IReadOnlyList<(double X, IReadOnlyDictionary<int, double> RegionDb)> points)
    {
        var steps = new List<SweepStep>();
        for (int i = 1; i < points.Count; i++)
            steps.Add(Step(points[i - 1], points[i]));
        if (points.Count > 2)
            steps.Add(Step(points[0], points[^1]));
        return steps;
    }

    /// <summary>
    /// Whether two runs of the same sweep (full and lite fidelity) move the same way: no step, nor the whole sweep, moves
    /// up in one and down in the other. A step flat in either does not count; a step missing in either (a failed point) does.
    /// </summary>
    public static bool Agree(IReadOnlyList<SweepStep> x, IReadOnlyList<SweepStep> y)
    {
        if (x.Count != y.Count)
            return false;
        for (int i = 0; i < x.Count; i++)
        {
            if (double.IsNaN(x[i].ChangeDb) || double.IsNaN(y[i].ChangeDb))
                return false;
            if ((x[i].Direction, y[i].Direction) is (StepDirection.Rise, StepDirection.Fall) or (StepDirection.Fall, StepDirection.Rise))
                return false;
        }
        return true;
    }

    /// <summary>
    /// How the regions moved from one point to another, paired over the regions both measured: per region, the change of its
    /// NMSE in dB (<paramref name="toDb"/> less <paramref name="fromDb"/>); their mean is the change of the region mean. Null with
    /// fewer than two regions in common, which leave no spread to judge a change by.
    /// </summary>
    public static PairedDifference? RegionChange(IReadOnlyDictionary<int, double> fromDb, IReadOnlyDictionary<int, double> toDb)
    {
        var regions = toDb.Keys.Where(fromDb.ContainsKey).Order().ToList();
        return regions.Count < 2 ? null : PairedDifference.Of([.. regions.Select(k => toDb[k])], [.. regions.Select(k => fromDb[k])]);
    }

    private static SweepStep Step((double X, IReadOnlyDictionary<int, double> RegionDb) from, (double X, IReadOnlyDictionary<int, double> RegionDb) to)
    {
        var regions = to.RegionDb.Keys.Where(from.RegionDb.ContainsKey).Order().ToList();
        if (regions.Count == 0)
            return new SweepStep(from.X, to.X, double.NaN, StepDirection.Flat);
        double change = regions.Average(k => to.RegionDb[k] - from.RegionDb[k]);
        bool resolved = RegionChange(from.RegionDb, to.RegionDb)?.Resolved ?? true;
        var direction = !resolved || Math.Abs(change) < MethodRanking.SmallestDifferenceDb ? StepDirection.Flat
            : change > 0 ? StepDirection.Rise : StepDirection.Fall;
        return new SweepStep(from.X, to.X, change, direction);
    }
}
