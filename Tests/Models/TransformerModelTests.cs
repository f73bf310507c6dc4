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
    public void SamHasAboutOneHundredThousandAndPaperLamAboutSixtyThreeMillionParameters()
    {
        Assert.InRange(ModelPreset.Cpu.Sam.ParameterCount, 90_000, 130_000);
        Assert.Equal(ModelPreset.Cpu.Sam, ModelPreset.Paper.Sam);
        Assert.InRange(ModelPreset.Paper.Lam.ParameterCount, 60_000_000, 66_000_000);
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
