using MaLAM4Com.Models;
using MaLAM4Com.Models.Cooperation;
using static TorchSharp.torch;

namespace MaLAM4Com.Tests.Models;

public sealed class DownstreamTaskTests
{
    private static readonly DownstreamSettings Settings = DownstreamSettings.Default with { Hidden = 16, Epochs = 30, BatchSize = 32 };
    private static readonly int[] Regions = [1, 2, 3];

    [Fact]
    public void TheClassifierLearnsRegionsOnRawCsiAndItsHeldOutLossFalls()
    {
        using var source = new SyntheticChannels();
        var parts = Regions.Select(r => source.Region(r, 40, seed: 3)).ToList();
        using var raw = cat(parts.Select(p => p.Input).ToArray(), 0).flatten(1);
        parts.ForEach(p => p.Dispose());
        var labels = Enumerable.Range(0, Regions.Length).SelectMany(l => Enumerable.Repeat((long)l, 40)).ToArray();
        var outcome = new DownstreamTask(Settings).Evaluate(raw, labels, Regions.Length);
        Assert.True(outcome.Accuracy > 0.8, $"accuracy {outcome.Accuracy:P0} against chance {1.0 / Regions.Length:P0}");
        Assert.True(outcome.FinalTestLoss < outcome.InitialTestLoss / 2, $"test loss went from {outcome.InitialTestLoss:F3} to {outcome.FinalTestLoss:F3}");
        Assert.Equal(DownstreamTask.ClassifierMacs(ChannelLayout.RealsPerSample, Settings.Hidden, Regions.Length), outcome.Macs);
    }

    [Fact]
    public void EmbeddingsAndRawCsiBothBeatChanceWithFarFewerMacsOnEmbeddings()
    {
        const int dimension = 32;
        var result = RunOnTinyEncoder(dimension);
        double chance = 1.0 / Regions.Length;
        Assert.True(result.AccEmbedding > chance + 0.3, $"embedding accuracy {result.AccEmbedding:P0}");
        Assert.True(result.AccRaw > chance + 0.3, $"raw accuracy {result.AccRaw:P0}");
        Assert.Equal(dimension, result.Dimension);
        Assert.Equal(dimension * Settings.Hidden + Settings.Hidden * Regions.Length, result.MacsEmbedding);
        Assert.Equal(ChannelLayout.RealsPerSample * Settings.Hidden + Settings.Hidden * Regions.Length, result.MacsRaw);
        Assert.Equal(DownstreamTask.EncoderMacs(ModelPreset.Tiny.Lam, dimension), result.EncoderMacs);
        Assert.Equal(1 - (double)result.MacsEmbedding / result.MacsRaw, result.MacReduction);
    }

    [Fact]
    public void TheSameSeedGivesTheSameResult()
    {
        Assert.Equal(RunOnTinyEncoder(4), RunOnTinyEncoder(4));
    }

    [Fact]
    public void MacsFollowTheFormulaAndMeetIssueFivesCutAtThePaperSizes()
    {
        // Hidden 64 over 12 regions: 2048*64 + 64*12 on raw CSI, 32*64 + 64*12 on 32 embedding coordinates.
        Assert.Equal(131_840, DownstreamTask.ClassifierMacs(2048, 64, 12));
        Assert.Equal(2_816, DownstreamTask.ClassifierMacs(32, 64, 12));
        Assert.True(1 - 4_864.0 / 131_840 > 0.96);
        Assert.Equal(4_864, DownstreamTask.ClassifierMacs(64, 64, 12));
        // Tiny LAM (32 tokens, d_model 64, d_ff 128, 1 block, stem rank 16): input projection 32*64*64, stem 2048*16 and
        // 16*32*64, qkv 32*64*192, attention 2*32*32*64, attention output 32*64*64, feed-forward 2*32*64*128, then the
        // projection to 8 coordinates 64*8.
        Assert.Equal(131_072 + 32_768 + 32_768 + 393_216 + 131_072 + 131_072 + 524_288 + 512, DownstreamTask.EncoderMacs(ModelPreset.Tiny.Lam, 8));
    }

    [Fact]
    public void BadArgumentsGiveClearErrors()
    {
        var task = new DownstreamTask(Settings);
        using var features = zeros(10, 4);
        var count = Assert.Throws<ArgumentException>(() => task.Evaluate(features, new long[9], 2));
        Assert.Contains("N = 9", count.Message);
        Assert.Throws<ArgumentException>(() => task.Evaluate(features, new long[10], 1));
        Assert.Throws<ArgumentException>(() => task.Evaluate(features, Enumerable.Repeat(2L, 10).ToArray(), 2));
        Assert.Throws<ArgumentException>(() => task.Run(features, features, Array.Empty<long>()));
        var share = Assert.Throws<ArgumentException>(() => new DownstreamTask(Settings with { TestShare = 1 }));
        Assert.Contains("test share", share.Message);
        using var source = new SyntheticChannels();
        manual_seed(3);
        using var encoder = new TransformerModel(ModelPreset.Tiny.Lam);
        using var embeddings = randn(8, ModelPreset.Tiny.Lam.DModel);
        using var projection = EmbeddingProjection.Fit(embeddings);
        Assert.Throws<ArgumentOutOfRangeException>(() => task.Run(encoder, projection, source, Regions, 10, projection.Dimension + 1));
        Assert.Throws<ArgumentException>(() => task.Run(encoder, projection, source, [1, 1], 10, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => task.Run(encoder, projection, source, Regions, 1, 4));
    }

    /// <summary>The whole path of an experiment on stand-ins: a random tiny LAM, its projection fitted on other samples, synthetic regions.</summary>
    private static DownstreamResult RunOnTinyEncoder(int dimension)
    {
        using var source = new SyntheticChannels();
        manual_seed(3);
        using var encoder = new TransformerModel(ModelPreset.Tiny.Lam).Freeze();
        var pools = Regions.Select(r => source.Region(r, 30, seed: 1)).ToList();
        using var pool = ChannelDataset.Concat(pools);
        pools.ForEach(p => p.Dispose());
        using var projection = EmbeddingProjection.Fit(encoder.Embed(pool.Input));
        return new DownstreamTask(Settings).Run(encoder, projection, source, Regions, samplesPerRegion: 40, dimension);
    }
}
