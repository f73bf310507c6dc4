using System.Globalization;
using MaLAM4Com.Cli.Reporting;

namespace MaLAM4Com.Tests.Cli;

public sealed class SignedFormatTests
{
    [Theory]
    [InlineData(-0.001, "+0.00")]
    [InlineData(-0.0, "+0.00")]
    [InlineData(0.004, "+0.00")]
    [InlineData(-0.012, "-0.01")]
    [InlineData(0.2, "+0.20")]
    public void HundredthsShowOneSignAndNoSignedZero(double value, string shown) =>
        Assert.Equal(shown, value.ToString(SignedFormat.Hundredths, CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(-0.0001, "+0.000")]
    [InlineData(-0.0012, "-0.001")]
    [InlineData(0.0151, "+0.015")]
    public void ThousandthsShowOneSignAndNoSignedZero(double value, string shown) =>
        Assert.Equal(shown, value.ToString(SignedFormat.Thousandths, CultureInfo.InvariantCulture));
}
