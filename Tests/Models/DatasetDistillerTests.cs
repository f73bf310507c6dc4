using MaLAM4Com.Models;
using MaLAM4Com.Models.Cooperation;
using static TorchSharp.torch;

namespace MaLAM4Com.Tests.Models;

/// <summary>One region's real coarse inputs and its elite set distilled with the default settings, shared by the tests.</summary>
public sealed class DistilledRegion : IDisposable
{
    public const int Region = 2, Count = 32;
    private readonly SyntheticChannels source = new();

    public ChannelDataset Real { get; }
    public DistillationResult Elite { get; }

    public DistilledRegion()
    {
        Real = source.Region(Region, 200, seed: 1);
        Elite = new DatasetDistiller(DistillationSettings.Default).Distil(Real.Input, Count, Region);
    }

    public void Dispose()
    {
        Elite.Dispose();
        Real.Dispose();
        source.Dispose();
    }
}

public sealed class DatasetDistillerTests(DistilledRegion fixture) : IClassFixture<DistilledRegion>
{
    private static readonly DatasetDistiller Distiller = new(DistillationSettings.Default);

    [Fact]
    public void TheDistributionMatchingLossFalls()
    {
        var losses = fixture.Elite.Losses;
        Assert.Equal(DistillationSettings.Default.Steps, losses.Count);
        double first = losses.Take(10).Average(), last = losses.TakeLast(10).Average();
        Assert.True(last < first / 2, $"loss went from {first:G3} to {last:G3}");
        Assert.Equal([DistilledRegion.Count, ChannelLayout.Antennas, ChannelLayout.TokenWidth], fixture.Elite.Samples.shape);
    }

    [Fact]
    public void TheMatchCarriesOverToEncodersTheDistillationNeverUsed()
    {
        // Equal-size random subsets of the real data are what the elite set replaces; it must summarise the region better,
        // judged by random encoders from seeds the distillation did not draw and by a random transformer encoder.
        var real = fixture.Real.Input;
        var subsets = Enumerable.Range(10, 5).Select(seed => real.index_select(0, tensor(ChannelDataset.Permutation((int)real.shape[0], seed)[..DistilledRegion.Count]))).ToList();
        for (ulong encoderSeed = 1_000_001; encoderSeed <= 1_000_005; encoderSeed++)
        {
            double elite = Distiller.MeanEmbeddingGap(real, fixture.Elite.Samples, encoderSeed);
            double bestSubset = subsets.Min(s => Distiller.MeanEmbeddingGap(real, s, encoderSeed));
            Assert.True(elite < bestSubset, $"encoder {encoderSeed}: elite gap {elite:G3}, best random subset {bestSubset:G3}");
        }
        manual_seed(77);
        using var transformer = new TransformerModel(ModelPreset.Tiny.Lam);
        using var noGrad = no_grad();
        var realMean = transformer.Embed(real).mean([0]);
        double Gap(Tensor samples)
        {
            var gap = transformer.Embed(samples).mean([0]) - realMean;
            return (gap * gap).sum().item<float>();
        }
        double eliteGap = Gap(fixture.Elite.Samples), subsetGap = subsets.Average(Gap);
        Assert.True(eliteGap < subsetGap, $"random transformer: elite gap {eliteGap:G3}, mean random subset gap {subsetGap:G3}");
    }

    [Fact]
    public void TheSameInputsAndSeedGiveTheSameSetAndAnotherSeedAnother()
    {
        var settings = DistillationSettings.Default with { Steps = 5 };
        using var data = new SyntheticChannels().Region(3, 40, seed: 1);
        using var first = new DatasetDistiller(settings).Distil(data.Input, 8, region: 3);
        using var second = new DatasetDistiller(settings).Distil(data.Input, 8, region: 3);
        using var otherSeed = new DatasetDistiller(settings with { Seed = 2 }).Distil(data.Input, 8, region: 3);
        using var otherRegion = new DatasetDistiller(settings).Distil(data.Input, 8, region: 4);
        Assert.Equal(Values(first.Samples), Values(second.Samples));
        Assert.Equal(first.Losses, second.Losses);
        Assert.NotEqual(Values(first.Samples), Values(otherSeed.Samples));
        Assert.NotEqual(Values(first.Samples), Values(otherRegion.Samples));
    }

    private static float[] Values(Tensor t) => t.data<float>().ToArray();

    [Fact]
    public void BadArgumentsGiveClearErrors()
    {
        using var data = new SyntheticChannels().Region(1, 10, seed: 1);
        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => Distiller.Distil(data.Input, 11, region: 1));
        Assert.Contains("1..10", tooMany.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Distiller.Distil(data.Input, 0, region: 1));
        using var flat = data.Input.reshape(10, ChannelLayout.RealsPerSample);
        var shape = Assert.Throws<ArgumentException>(() => Distiller.Distil(flat, 4, region: 1));
        Assert.Contains("[10, 2048]", shape.Message);
        using var zeros = zeros_like(data.Input);
        Assert.Throws<ArgumentException>(() => Distiller.Distil(zeros, 4, region: 1));
        var steps = Assert.Throws<ArgumentException>(() => new DatasetDistiller(DistillationSettings.Default with { Steps = 0 }));
        Assert.Contains("steps", steps.Message);
        Assert.Throws<ArgumentException>(() => new DatasetDistiller(DistillationSettings.Default with { LearningRate = double.NaN }));
    }
}
