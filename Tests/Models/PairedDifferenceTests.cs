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
    public void ADifferenceCountsOnlyBeyondTwoStandardErrors()
    {
        // -1 within 2 x 0.577 of zero: unresolved, whichever way it leans; the same mean with every case agreeing is resolved.
        Assert.False(PairedDifference.Of([-1.0, -3.0, -2.0], [0.0, -1.0, -2.0]).Resolved);
        Assert.True(PairedDifference.Of([-1.0, -2.1, -2.9], [0.0, -1.0, -2.0]).Resolved);
        Assert.True(PairedDifference.Of([1.0, 2.1, 2.9], [0.0, 1.0, 2.0]).Resolved);
    }

    [Fact]
    public void AResolvedDifferenceSmallerThanAPrintedFigureIsATie()
    {
        // One estimator rounded two ways: every case a ten-thousandth of a dB lower, resolved, and still no win.
        var rounding = PairedDifference.Of([-25.6402, -20.7090, -8.9243], [-25.6401, -20.7089, -8.9242]);
        Assert.True(rounding.Resolved);
        Assert.True(rounding.Tie(0.01));
        Assert.False(rounding.FirstLowerBy(0.01));
        // A resolved difference of a dB is a win for the lower, and only for it; an unresolved one is a tie however large.
        var clear = PairedDifference.Of([-1.0, -2.1, -2.9], [0.0, -1.0, -2.0]);
        Assert.True(clear.FirstLowerBy(0.01));
        Assert.False(PairedDifference.Of([0.0, -1.0, -2.0], [-1.0, -2.1, -2.9]).FirstLowerBy(0.01));
        Assert.True(PairedDifference.Of([-1.0, -3.0, -2.0], [0.0, -1.0, -2.0]).Tie(0.01));
    }

    [Fact]
    public void UnequalCountsOrASinglePairAreRefusedWithTheCounts()
    {
        Assert.Contains("3 against 2", Assert.Throws<ArgumentException>(() => PairedDifference.Of([1.0, 2.0, 3.0], [1.0, 2.0])).Message);
        Assert.Contains("got 1", Assert.Throws<ArgumentException>(() => PairedDifference.Of([1.0], [2.0])).Message);
    }
}
