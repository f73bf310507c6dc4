using MaLAM4Com.Cli.Bench;

namespace MaLAM4Com.Tests.Cli;

public sealed class ScaleoutSeriesTests
{
    private static ScaleoutSeries Of(int members, params double?[] walls)
    {
        var series = new ScaleoutSeries();
        foreach (var w in walls)
            series.Add(new ScaleoutRun(members, w, (w ?? 1) + 10, null, w is null ? "exit code 134: out of memory" : null));
        return series;
    }

    [Fact]
    public void FiguresAreMediansOfTheRunsThatFinishedAndTheSpeedupPairsEachRepeat()
    {
        var one = Of(0, 60, 90, 66);
        var two = Of(2, 40, 30, 44);
        Assert.Equal(66, one.KernelSeconds);
        Assert.Equal(76, one.ProcessSeconds);
        Assert.Equal(40, two.KernelSeconds);
        // Repeats 1.5, 3.0 and 1.5: a slow spell in the second repeat moves the median of the pairs, not the ratio of the medians.
        Assert.Equal([1.5, 3.0, 1.5], ScaleoutSeries.PairedSpeedups([one], two));
        Assert.Equal(1.5, ScaleoutSeries.Speedup([one], two));
        Assert.Null(one.Error);
    }

    [Fact]
    public void EachRepeatComparesTheClusterWithTheFastestCoreOfThatRepeat()
    {
        // Core 0 is slow in the first two repeats, core 1 in the last; the cluster meets the faster each time.
        var core0 = Of(0, 90, 80, 60);
        var core1 = Of(0, 60, 66, 70);
        var two = Of(2, 40, 33, 40);
        Assert.Equal([60, 66, 60], Enumerable.Range(0, 3).Select(i => ScaleoutSeries.FastestWall([core0, core1], i)));
        Assert.Equal([1.5, 2.0, 1.5], ScaleoutSeries.PairedSpeedups([core0, core1], two));
        Assert.Equal(1.5, ScaleoutSeries.Speedup([core0, core1], two));
        // The fastest baseline by median: core 1 (66) against core 0 (80).
        Assert.Same(core1, ScaleoutSeries.Fastest([core0, core1]));
        Assert.Null(ScaleoutSeries.FastestWall([Of(0, [null]), Of(0, [null])], 0));
        Assert.Equal(70, ScaleoutSeries.FastestWall([Of(0, [null]), Of(0, 70)], 0));
    }

    [Fact]
    public void AFailedRunIsLeftOutOfTheMediansAndNamedInTheError()
    {
        var one = Of(0, 60, null, 70);
        var two = Of(2, 40, 30, null);
        Assert.Equal(65, one.KernelSeconds);
        Assert.Equal([1.5, null, null], ScaleoutSeries.PairedSpeedups([one], two));
        Assert.Equal(1.5, ScaleoutSeries.Speedup([one], two));
        Assert.Equal("1 of 3 runs failed; the first: exit code 134: out of memory", two.Error);
        Assert.Null(ScaleoutSeries.Speedup([Of(0, [null])], Of(2, 40)));
        Assert.Null(Of(2, [null]).KernelSeconds);
        Assert.Equal("exit code 134: out of memory", Of(2, [null]).Error);
    }
}
