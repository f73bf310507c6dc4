using MaLAM4Com.Models;

namespace MaLAM4Com.Tests.Models;

public sealed class PairedDifferenceTests
{
    [Fact]
    public void MeanStandardErrorAndWinsAreThoseOfTheRegionByRegionDifferences()
    {
        // Differences -1, -2 and 0: mean -1, sample standard deviation 1, standard error 1 / sqrt(3); a tie is not a win.
        var d = PairedDifference.Of([-1.0, -3.0, -2.0], [0.0, -1.0, -2.0]);
        Assert.Equal(-1.0, d.Mean, 12);
        Assert.Equal(1 / Math.Sqrt(3), d.StandardError, 12);
        Assert.Equal(2, d.FirstLower);
        Assert.Equal(3, d.Pairs);
    }

    [Fact]
    public void UnequalCountsOrASinglePairAreRefusedWithTheCounts()
    {
        Assert.Contains("3 against 2", Assert.Throws<ArgumentException>(() => PairedDifference.Of([1.0, 2.0, 3.0], [1.0, 2.0])).Message);
        Assert.Contains("got 1", Assert.Throws<ArgumentException>(() => PairedDifference.Of([1.0], [2.0])).Message);
    }
}
