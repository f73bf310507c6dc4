using MaLAM4Com.Channels;
using Xunit.Abstractions;

namespace MaLAM4Com.Tests.Channels;

public sealed class CompressionOperatorTests(ITestOutputHelper output)
{
    private static readonly CsiGenerator Generator = new(new CsiGeneratorSettings(), seed: 11);
    private static readonly int Dimension = Generator.Shape.RealLength;

    [Fact]
    public void MeasurementCountIsRhoTimesTheDimension()
    {
        Assert.Equal(512, SamplingRatio.Measurements(1.0 / 4, Dimension, "rho"));
        Assert.Equal(32, SamplingRatio.Measurements(SamplingRatio.Parse("1/64", "rho"), Dimension, "rho"));
        Assert.Equal(128, SamplingRatio.Measurements(SamplingRatio.Parse("0.0625", "rho"), Dimension, "rho"));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0 / 4096)]
    [InlineData(0.0)]
    [InlineData(1.5)]
    public void RhoThatDoesNotGiveAWholeMeasurementCountIsRejectedNamingRho(double rho)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => CompressionOperator.ForRatio(Dimension, rho, 1));
        Assert.Equal("rho", error.ParamName);
        Assert.Contains("rho", error.Message);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1/0")]
    [InlineData("2")]
    public void UnreadableRatiosAreRejectedNamingTheArgument(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => SamplingRatio.Parse(text, "--rho"));
        Assert.Equal("--rho", error.ParamName);
    }

    [Fact]
    public void CompressIsTheProductWithTheSeededGaussianMatrix()
    {
        var op = new CompressionOperator(Dimension, 64, seed: 3);
        var again = new CompressionOperator(Dimension, 64, seed: 3);
        Assert.Equal(op.Matrix(), again.Matrix());
        Assert.NotEqual(op.Matrix(), new CompressionOperator(Dimension, 64, seed: 4).Matrix());
        var a = op.Matrix();
        var x = Generator.Generate(1, 0, 9);
        var s = new float[9 * 64];
        op.Compress(x, s);
        for (int i = 0; i < 9; i++)
            for (int m = 0; m < 64; m++)
            {
                double expected = 0;
                for (int d = 0; d < Dimension; d++)
                    expected += (double)a[m * Dimension + d] * x[i * Dimension + d];
                Assert.Equal(expected, s[i * 64 + m], tolerance: 1e-4 * (1 + Math.Abs(expected)));
            }
        // Entries are N(0, 1/M): their variance is near 1/64.
        double variance = a.Average(v => (double)v * v);
        Assert.InRange(variance, 0.9 / 64, 1.1 / 64);
    }

    [Fact]
    public void CoarseEstimateReproducesTheMeasurements()
    {
        var op = CompressionOperator.ForRatio(Dimension, 1.0 / 32, seed: 5);
        var x = Generator.Generate(2, 0, 20);
        var s = new float[20 * op.Measurements];
        var coarse = new float[x.Length];
        var resampled = new float[s.Length];
        op.Compress(x, s);
        op.Estimate(s, coarse);
        op.Compress(coarse, resampled);
        // A pinv(A) = I, so A x_in = s.
        for (int i = 0; i < s.Length; i++)
            Assert.True(Math.Abs(s[i] - resampled[i]) <= 1e-4 * (1 + Math.Abs(s[i])), $"measurement {i}: {s[i]} vs {resampled[i]}");
    }

    [Fact]
    public void ASampleGetsTheSameCoarseEstimateWhateverItsBatch()
    {
        var op = CompressionOperator.ForRatio(Dimension, 1.0 / 16, seed: 5);
        const int count = 70;
        var x = Generator.Generate(4, 0, count);
        var batch = new float[x.Length];
        op.CompressAndEstimate(x, batch);
        var twoStep = new float[x.Length];
        var s = new float[count * op.Measurements];
        op.Compress(x, s);
        op.Estimate(s, twoStep);
        Assert.Equal(batch, twoStep);
        var single = new float[Dimension];
        foreach (int i in new[] { 0, 3, 63, 64, 69 })
        {
            op.CompressAndEstimate(x.AsMemory(i * Dimension, Dimension), single);
            Assert.Equal(batch.AsSpan(i * Dimension, Dimension).ToArray(), single);
        }
    }

    [Fact]
    public void NmseOfTheCoarseEstimateFallsAsRhoGrows()
    {
        var x = Generator.Generate(6, 0, 200);
        var coarse = new float[x.Length];
        var nmse = new List<double>();
        foreach (var rho in SamplingRatio.Reported.OrderBy(r => r))
        {
            CompressionOperator.ForRatio(Dimension, rho, seed: 5).CompressAndEstimate(x, coarse);
            double value = ChannelMetrics.Nmse(coarse, x, Generator.Shape);
            output.WriteLine($"rho {SamplingRatio.Format(rho)}: NMSE {value:F4} ({ChannelMetrics.ToDb(value):F2} dB)");
            // A random M-dimensional projection keeps about M / D of the power: NMSE near 1 - rho.
            Assert.InRange(value, 1 - rho - 0.05, 1 - rho + 0.05);
            nmse.Add(value);
        }
        for (int i = 1; i < nmse.Count; i++)
            Assert.True(nmse[i] < nmse[i - 1], $"NMSE did not fall: {string.Join(", ", nmse)}");
    }

    [Theory]
    [InlineData(30, 7, 9)]
    [InlineData(70, 40, 5)]
    public void SizesThatAreNotWholeKernelTilesGiveTheSameProducts(int dimension, int measurements, int count)
    {
        var op = new CompressionOperator(dimension, measurements, seed: 9);
        var a = op.Matrix();
        var x = new float[count * dimension];
        for (int i = 0; i < x.Length; i++)
            x[i] = MathF.Sin(i * 0.37f) + 0.1f * (i % 5);
        var s = new float[count * measurements];
        op.Compress(x, s);
        for (int i = 0; i < count; i++)
            for (int m = 0; m < measurements; m++)
            {
                double expected = 0;
                for (int d = 0; d < dimension; d++)
                    expected += (double)a[m * dimension + d] * x[i * dimension + d];
                Assert.Equal(expected, s[i * measurements + m], tolerance: 1e-4 * (1 + Math.Abs(expected)));
            }
        var coarse = new float[x.Length];
        var resampled = new float[s.Length];
        op.Estimate(s, coarse);
        op.Compress(coarse, resampled);
        for (int i = 0; i < s.Length; i++)
            Assert.Equal(s[i], resampled[i], tolerance: 1e-3 * (1 + Math.Abs(s[i])));
    }

    [Fact]
    public void BuffersOfTheWrongLengthAreRejectedNamingTheArgument()
    {
        var op = new CompressionOperator(Dimension, 32, seed: 1);
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => op.Compress(new float[Dimension + 1], new float[32])).ParamName);
        Assert.Equal("measurements", Assert.Throws<ArgumentException>(() => op.Compress(new float[Dimension], new float[31])).ParamName);
        Assert.Equal("coarse", Assert.Throws<ArgumentException>(() => op.Estimate(new float[32], new float[Dimension - 1])).ParamName);
    }
}
