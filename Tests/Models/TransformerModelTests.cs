using MaLAM4Com.Models;
using static TorchSharp.torch;

namespace MaLAM4Com.Tests.Models;

public sealed class TransformerModelTests
{
    [Theory]
    [InlineData("tiny")]
    [InlineData("cpu")]
    public void LamAndSamMapChannelBatchesToTheSameShape(string preset)
    {
        var settings = ModelPreset.FromName(preset);
        using var x = randn(3, ChannelLayout.Antennas, ChannelLayout.TokenWidth);
        foreach (var network in new[] { new TransformerModel(settings.Lam), new TransformerModel(settings.Sam) })
        {
            using var y = network.forward(x);
            Assert.Equal(x.shape, y.shape);
        }
    }

    [Theory]
    [InlineData("tiny")]
    [InlineData("cpu")]
    public void ParameterCountFromSettingsMatchesTheBuiltNetwork(string preset)
    {
        var settings = ModelPreset.FromName(preset);
        Assert.Equal(settings.Lam.ParameterCount, new TransformerModel(settings.Lam).CountParameters());
        Assert.Equal(settings.Sam.ParameterCount, new TransformerModel(settings.Sam).CountParameters());
    }

    [Fact]
    public void SamTransformerHasAboutOneHundredThousandAndPaperLamAboutSixtyThreeMillionParameters()
    {
        // The published sizes count the transformer; the global stem is ours and comes on top.
        Assert.InRange((ModelPreset.Cpu.Sam with { StemRank = 0 }).ParameterCount, 90_000, 130_000);
        Assert.Equal(ModelPreset.Cpu.Sam, ModelPreset.Paper.Sam);
        Assert.InRange((ModelPreset.Paper.Lam with { StemRank = 0 }).ParameterCount, 60_000_000, 66_000_000);
        Assert.True(ModelPreset.Cpu.Lam.FlopsPerSample > 4 * ModelPreset.Cpu.Sam.FlopsPerSample);
    }

    [Fact]
    public void FreshNetworkWithInputSkipReturnsItsInput()
    {
        var network = new TransformerModel(ModelPreset.Tiny.Sam);
        using var x = randn(2, ChannelLayout.Antennas, ChannelLayout.TokenWidth);
        using var y = network.forward(x);
        Assert.Equal(x.data<float>().ToArray(), y.data<float>().ToArray());
    }

    [Fact]
    public void EmbeddingIsOneDModelVectorPerSampleAndDependsOnTheInput()
    {
        var network = new TransformerModel(ModelPreset.Tiny.Lam);
        using var x = randn(4, ChannelLayout.Antennas, ChannelLayout.TokenWidth);
        using var z = network.Embed(x);
        Assert.Equal(new long[] { 4, ModelPreset.Tiny.Lam.DModel }, z.shape);
        Assert.False(z[0].allclose(z[1]));
    }

    [Fact]
    public void StemLetsANetworkLearnALinearMapThatMixesEveryAntenna()
    {
        // Channels in a 16-dimensional subspace of the 2048 reals, seen through a dense random projection onto 128
        // dimensions, as a coarse estimate pinv(A) A h: a linear map recovers h exactly, but it mixes every antenna.
        manual_seed(11);
        using var channelBasis = randn(16, ChannelLayout.RealsPerSample) / 4;
        using var a = randn(128, ChannelLayout.RealsPerSample);
        using var projection = linalg.pinv(a).matmul(a);
        (Tensor X, Tensor Y) Draw(int n)
        {
            var h = randn(n, 16).matmul(channelBasis);
            h = h / (h * h).mean([1], keepdim: true).sqrt();
            return (h.matmul(projection).view(n, ChannelLayout.Antennas, ChannelLayout.TokenWidth),
                h.view(n, ChannelLayout.Antennas, ChannelLayout.TokenWidth));
        }
        var (trainX, trainY) = Draw(512);
        var (validationX, validationY) = Draw(128);
        var (testX, testY) = Draw(256);
        double HeldOutNmseDb(TransformerSettings settings)
        {
            manual_seed(12);
            var model = new ResidualEstimator(new TransformerModel(settings));
            var training = new TrainingSettings(MaxEpochs: 30, Patience: 30, BatchSize: 64, LearningRate: 3e-3, WeightDecay: 0, WarmupEpochs: 0, CosineDecay: false, Seed: 1);
            new Trainer(training).Train(model, new ChannelDataset(trainX, trainY), new ChannelDataset(validationX, validationY), "stem test");
            return Trainer.ValidationNmseDb(model, new ChannelDataset(testX, testY));
        }
        var plain = ModelPreset.Tiny.Sam with { StemRank = 0 };
        double without = HeldOutNmseDb(plain), with = HeldOutNmseDb(plain with { StemRank = 16 });
        Assert.True(with < without - 2, $"with a stem {with:F2} dB, without {without:F2} dB");
    }

    [Fact]
    public void NegativeStemRankIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new TransformerModel(ModelPreset.Tiny.Sam with { StemRank = -1 }));
        Assert.Contains("Stem rank", error.Message);
    }

    [Fact]
    public void PresetNamesResolveAndUnknownNamesAreRefused()
    {
        Assert.All(ModelPreset.Names, name => Assert.Equal(name, ModelPreset.FromName(name).Name));
        var error = Assert.Throws<ArgumentException>(() => ModelPreset.FromName("huge"));
        Assert.Contains("tiny, cpu, paper", error.Message);
    }

    [Fact]
    public void CheckpointRoundTripGivesIdenticalOutputs()
    {
        var path = Path.Combine(Path.GetTempPath(), $"malam4com-checkpoint-{Guid.NewGuid():N}.pt");
        try
        {
            manual_seed(3);
            var original = new TransformerModel(ModelPreset.Tiny.Lam with { InputSkip = false });
            original.save(path);
            manual_seed(4);
            var restored = new TransformerModel(ModelPreset.Tiny.Lam with { InputSkip = false });
            using var x = randn(5, ChannelLayout.Antennas, ChannelLayout.TokenWidth);
            using (var before = restored.forward(x))
            using (var expected = original.forward(x))
                Assert.NotEqual(expected.data<float>().ToArray(), before.data<float>().ToArray());
            restored.load(path);
            using var a = original.forward(x);
            using var b = restored.forward(x);
            Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
