using MaLAM4Com.Cli.Experiments;

namespace MaLAM4Com.Tests.Cli;

public sealed class SweepStepsTests
{
    // Twelve regions at levels that differ as LOS and NLOS regions do, each shifted by `shift` dB plus a seeded draw of +-noise/2.
    private static (double X, IReadOnlyDictionary<int, double> RegionDb) Point(double x, double shift, double noise, int seed)
    {
        var random = new Random(seed);
        return (x, Enumerable.Range(1, 12).ToDictionary(r => r, r => (r % 2 == 0 ? -12.0 : -2.0) + shift + noise * (random.NextDouble() - 0.5)));
    }

    [Fact]
    public void AStepMovesOnlyWhenItIsLargeEnoughAndTheRegionsResolveIt()
    {
        // The last point: 0.82 dB lower on the mean, but half its regions 2 dB above that and half 2 dB below.
        var scattered = Point(0.4, -0.3, 0.01, 4);
        scattered.RegionDb = scattered.RegionDb.ToDictionary(kv => kv.Key, kv => kv.Value + (kv.Key % 4 < 2 ? 2.0 : -2.0));
        var steps = SweepSteps.Of([Point(0, 0, 0.01, 1), Point(0.05, 0.5, 0.01, 2), Point(0.2, 0.52, 0.01, 3), scattered]);
        // Three steps, then the whole sweep.
        Assert.Equal(4, steps.Count);
        Assert.Equal((0.0, 0.05, StepDirection.Rise), (steps[0].From, steps[0].To, steps[0].Direction));
        Assert.InRange(steps[0].ChangeDb, 0.49, 0.51);
        // Resolved by every region alike, but too small to count.
        Assert.Equal(StepDirection.Flat, steps[1].Direction);
        // Large on the mean, lost in the regions' spread.
        Assert.True(Math.Abs(steps[2].ChangeDb) >= MethodRanking.SmallestDifferenceDb);
        Assert.Equal(StepDirection.Flat, steps[2].Direction);
        Assert.Equal((0.0, 0.4), (steps[3].From, steps[3].To));
        // Down by 0.5 dB in every region: a fall.
        Assert.Equal(StepDirection.Fall, SweepSteps.Of([Point(1, 0, 0.01, 5), Point(2, -0.5, 0.01, 6)]).Single().Direction);
        // Two points have no whole sweep besides their one step; a failed point (no regions) leaves a step that is no change.
        Assert.Single(SweepSteps.Of([Point(1, 0, 0.01, 5), Point(2, -0.5, 0.01, 6)]));
        Assert.True(double.IsNaN(SweepSteps.Of([Point(1, 0, 0.01, 5), (2, new Dictionary<int, double>())]).Single().ChangeDb));
    }

    [Fact]
    public void SweepsAgreeUnlessAStepOrTheWholeSweepGoesOppositeWays()
    {
        var full = SweepSteps.Of([Point(0, 0, 0.01, 1), Point(1, 1.0, 0.01, 2), Point(2, 1.02, 0.01, 3)]);
        // Lite moves less, and is flat where full rises: that is no disagreement.
        var lite = SweepSteps.Of([Point(0, 0, 0.01, 4), Point(1, 0.05, 0.01, 5), Point(2, 0.3, 0.01, 6)]);
        Assert.Equal([StepDirection.Rise, StepDirection.Flat, StepDirection.Rise], full.Select(s => s.Direction));
        Assert.Equal([StepDirection.Flat, StepDirection.Rise, StepDirection.Rise], lite.Select(s => s.Direction));
        Assert.True(SweepSteps.Agree(full, lite));
        // One step down where the other fidelity goes up.
        var opposite = SweepSteps.Of([Point(0, 0, 0.01, 7), Point(1, -0.5, 0.01, 8), Point(2, -0.5, 0.01, 9)]);
        Assert.False(SweepSteps.Agree(full, opposite));
        // Every step flat, but the whole sweep down in one and up in the other.
        var creepingUp = SweepSteps.Of([Point(0, 0, 0.01, 10), Point(1, 0.09, 0.01, 11), Point(2, 0.18, 0.01, 12)]);
        var creepingDown = SweepSteps.Of([Point(0, 0, 0.01, 13), Point(1, -0.09, 0.01, 14), Point(2, -0.18, 0.01, 15)]);
        Assert.All(creepingUp.SkipLast(1).Concat(creepingDown.SkipLast(1)), s => Assert.Equal(StepDirection.Flat, s.Direction));
        Assert.False(SweepSteps.Agree(creepingUp, creepingDown));
        // A failed point, or a sweep of another length, is no agreement.
        var failed = SweepSteps.Of([Point(0, 0, 0.01, 1), (1, new Dictionary<int, double>()), Point(2, 1.02, 0.01, 3)]);
        Assert.False(SweepSteps.Agree(full, failed));
        Assert.False(SweepSteps.Agree(full, full.Take(2).ToList()));
    }
}
