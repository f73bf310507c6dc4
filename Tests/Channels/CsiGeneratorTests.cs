using MaLAM4Com.Channels;
using Xunit.Abstractions;

namespace MaLAM4Com.Tests.Channels;

public sealed class CsiGeneratorTests(ITestOutputHelper output)
{
    private static readonly CsiGenerator Generator = new(new CsiGeneratorSettings(), seed: 7);

    [Fact]
    public void EverySampleHasUnitAveragePowerPerEntry()
    {
        var shape = Generator.Shape;
        foreach (int region in new[] { 1, 2, 55, 110 })
        {
            var batch = Generator.Generate(region, 0, 50);
            for (int i = 0; i < 50; i++)
            {
                double power = 0;
                foreach (var v in batch.AsSpan(i * shape.RealLength, shape.RealLength))
                    power += (double)v * v;
                Assert.Equal(1.0, power / (shape.Antennas * shape.Subcarriers), 5);
            }
        }
    }

    [Fact]
    public void ShapesThatAreNotWholeVectorsAreGeneratedWithUnitPower()
    {
        var generator = new CsiGenerator(new CsiGeneratorSettings { Antennas = 3, Subcarriers = 5 }, seed: 7);
        var batch = generator.Generate(2, 0, 10);
        Assert.Equal(10 * 2 * 3 * 5, batch.Length);
        for (int i = 0; i < 10; i++)
            Assert.Equal(15.0, batch.AsSpan(i * 30, 30).ToArray().Sum(v => (double)v * v), 4);
    }

    [Fact]
    public void SameSeedRegionAndIndexGiveTheSameBytesWhateverTheBatch()
    {
        var other = new CsiGenerator(new CsiGeneratorSettings(), seed: 7);
        int length = Generator.Shape.RealLength;
        var batch = Generator.Generate(3, 100, 64);
        var again = other.Generate(3, 100, 64);
        Assert.Equal(batch, again);
        // Sample 137 alone, from a fresh generator, equals its slot in the parallel batch.
        var single = new CsiGenerator(new CsiGeneratorSettings(), seed: 7).Generate(3, 137, 1);
        Assert.Equal(batch.AsSpan(37 * length, length).ToArray(), single);
    }

    [Fact]
    public async Task OneThreadAndManyThreadsGiveTheSameBytes()
    {
        var parallel = Generator.Generate(8, 0, 100);
        var op = CompressionOperator.ForRatio(Generator.Shape.RealLength, 1.0 / 32, seed: 2);
        var parallelCoarse = new float[parallel.Length];
        op.CompressAndEstimate(parallel, parallelCoarse);
        // Parallel.For runs on the current scheduler: one that admits a single task at a time makes it sequential.
        var oneThread = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, maxConcurrencyLevel: 1).ConcurrentScheduler;
        var (sequential, sequentialCoarse) = await Task.Factory.StartNew(() =>
        {
            var samples = new CsiGenerator(new CsiGeneratorSettings(), seed: 7).Generate(8, 0, 100);
            var coarse = new float[samples.Length];
            op.CompressAndEstimate(samples, coarse);
            return (samples, coarse);
        }, CancellationToken.None, TaskCreationOptions.None, oneThread);
        Assert.Equal(parallel, sequential);
        Assert.Equal(parallelCoarse, sequentialCoarse);
    }

    [Fact]
    public void DifferentSeedsIndicesAndRegionsGiveDifferentSamples()
    {
        var a = Generator.Generate(3, 0, 1);
        Assert.NotEqual(a, Generator.Generate(3, 1, 1));
        Assert.NotEqual(a, Generator.Generate(5, 0, 1));
        Assert.NotEqual(a, new CsiGenerator(new CsiGeneratorSettings(), seed: 8).Generate(3, 0, 1));
    }

    [Fact]
    public void LosRegionsHaveAHigherMeasuredKFactorThanNlosRegions()
    {
        var shape = Generator.Shape;
        var los = new[] { 2, 4, 6, 8, 10, 12 }.Select(r => ChannelStatistics.KFactor(Generator.Generate(r, 0, 400), shape)).ToArray();
        var nlos = new[] { 1, 3, 5, 7, 9, 11 }.Select(r => ChannelStatistics.KFactor(Generator.Generate(r, 0, 400), shape)).ToArray();
        output.WriteLine($"K LOS: {string.Join(", ", los.Select(k => k.ToString("F2")))}; NLOS: {string.Join(", ", nlos.Select(k => k.ToString("F2")))}");
        // NLOS entries are Rayleigh: K near 0 (per-sample normalisation adds a little).
        Assert.All(nlos, k => Assert.InRange(k, 0, 0.5));
        // LOS regions draw K around 9 dB (8 linear): on average far above NLOS.
        Assert.True(los.Average() > 2, $"mean LOS K {los.Average():F2}");
        Assert.True(los.Average() > 5 * nlos.Average() + 1, $"mean LOS K {los.Average():F2}, NLOS {nlos.Average():F2}");
    }

    [Fact]
    public void MeasuredKFactorOfLosRegionsMatchesTheRegionsDrawnKFactor()
    {
        foreach (int region in new[] { 2, 4, 10, 12 })
        {
            double measuredDb = 10 * Math.Log10(ChannelStatistics.KFactor(Generator.Generate(region, 0, 1000), Generator.Shape));
            double drawnDb = Generator.Region(region).KFactorDb;
            output.WriteLine($"region {region}: drawn K {drawnDb:F2} dB, measured {measuredDb:F2} dB");
            Assert.InRange(measuredDb, drawnDb - 1, drawnDb + 1);
        }
    }

    [Fact]
    public void LosRegionsHaveASmallerAngularSpreadThanNlosRegions()
    {
        var shape = Generator.Shape;
        var los = new[] { 2, 4, 6, 8, 10, 12 }.Select(r => ChannelStatistics.AngularSpreadBins(Generator.Generate(r, 0, 200), shape)).ToArray();
        var nlos = new[] { 1, 3, 5, 7, 9, 11 }.Select(r => ChannelStatistics.AngularSpreadBins(Generator.Generate(r, 0, 200), shape)).ToArray();
        output.WriteLine($"spread LOS: {string.Join(", ", los.Select(s => s.ToString("F2")))}; NLOS: {string.Join(", ", nlos.Select(s => s.ToString("F2")))}");
        Assert.True(los.Average() < 0.6 * nlos.Average(), $"mean LOS spread {los.Average():F2} bins, NLOS {nlos.Average():F2}");
    }

    [Fact]
    public void RegionsAreSeparatedByTheDistanceBetweenTheirCovarianceMatrices()
    {
        var shape = Generator.Shape;
        int[] regions = [1, 2, 3, 4, 5, 6, 101, 102];
        // Two disjoint halves of each region's samples: within-region distances must all be below between-region ones.
        var first = regions.Select(r => ChannelStatistics.SpatialCovariance(Generator.Generate(r, 0, 200), shape)).ToArray();
        var second = regions.Select(r => ChannelStatistics.SpatialCovariance(Generator.Generate(r, 200, 200), shape)).ToArray();
        double within = regions.Select((_, i) => ChannelStatistics.CovarianceDistance(first[i], second[i])).Max();
        double between = double.MaxValue;
        for (int i = 0; i < regions.Length; i++)
            for (int j = 0; j < regions.Length; j++)
                if (i != j)
                    between = Math.Min(between, ChannelStatistics.CovarianceDistance(first[i], second[j]));
        output.WriteLine($"largest within-region distance {within:F4}, smallest between-region distance {between:F4}");
        Assert.True(within < between, $"within {within:F4} >= between {between:F4}");
    }

    [Fact]
    public void RegionIdsOutsideOneToRegionCountAreRejectedNamingTheArgument()
    {
        Assert.Equal("region", Assert.Throws<ArgumentOutOfRangeException>(() => Generator.Generate(0, 0, 1)).ParamName);
        Assert.Equal("region", Assert.Throws<ArgumentOutOfRangeException>(() => Generator.Generate(111, 0, 1)).ParamName);
        Assert.Equal("firstIndex", Assert.Throws<ArgumentOutOfRangeException>(() => Generator.Generate(1, -1, 1)).ParamName);
    }

    [Theory]
    [InlineData(nameof(CsiGeneratorSettings.Antennas))]
    [InlineData(nameof(CsiGeneratorSettings.Subcarriers))]
    [InlineData(nameof(CsiGeneratorSettings.RegionCount))]
    [InlineData(nameof(CsiGeneratorSettings.BandwidthHz))]
    public void InvalidSettingsAreRejectedNamingTheParameter(string parameter)
    {
        var settings = parameter switch
        {
            nameof(CsiGeneratorSettings.Antennas) => new CsiGeneratorSettings { Antennas = 0 },
            nameof(CsiGeneratorSettings.Subcarriers) => new CsiGeneratorSettings { Subcarriers = 0 },
            nameof(CsiGeneratorSettings.RegionCount) => new CsiGeneratorSettings { RegionCount = 0 },
            _ => new CsiGeneratorSettings { BandwidthHz = -1 },
        };
        var error = Assert.ThrowsAny<ArgumentException>(() => new CsiGenerator(settings, 1));
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(parameter, error.Message);
    }

    [Fact]
    public void RegionsLieInTheCellApartAndKeepTheirPlaceWhenFewerAreAskedFor()
    {
        var settings = new CsiGeneratorSettings();
        var geometry = Generator.Geometry;
        var fewer = new RegionGeometry(settings with { RegionCount = 20 }, seed: 7);
        for (int r = 1; r <= geometry.RegionCount; r++)
        {
            var c = geometry.Centre(r);
            Assert.InRange(c.Norm, settings.MinRegionDistanceM, settings.CellRadiusM - settings.RegionRadiusM);
            for (int q = 1; q < r; q++)
                Assert.True(c.DistanceTo(geometry.Centre(q)) >= settings.MinRegionSeparationM);
            if (r <= 20)
                Assert.Equal(c, fewer.Centre(r));
        }
    }
}
