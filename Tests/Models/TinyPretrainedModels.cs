using MaLAM4Com.Models;
using static TorchSharp.torch;

namespace MaLAM4Com.Tests.Models;

/// <summary>A tiny LAM and reference SAM pretrained once on synthetic regions 1 and 2, shared by the LASCO tests.</summary>
public sealed class TinyPretrainedModels : IDisposable
{
    public SyntheticChannels Source { get; } = new();
    public TransformerModel Lam { get; }
    public TransformerModel Reference { get; }

    public TinyPretrainedModels()
    {
        using var pooled = ChannelDataset.Concat([Source.Region(1, 128, seed: 1), Source.Region(2, 128, seed: 1)]);
        var (train, validation, _) = pooled.Split(0.9, 0.1, seed: 1);
        var trainer = new Trainer(ModelPreset.Tiny.Pretraining);
        manual_seed(1);
        Lam = new TransformerModel(ModelPreset.Tiny.Lam);
        trainer.Train(new ResidualEstimator(Lam), train, validation, "lam");
        Reference = new TransformerModel(ModelPreset.Tiny.Sam);
        trainer.Train(new ResidualEstimator(Reference), train, validation, "sam");
    }

    /// <summary>A held-out region's samples split 8:1:1.</summary>
    public RegionSplit Region(int region, int count = 160)
    {
        using var all = Source.Region(region, count, seed: 2);
        var (train, validation, test) = all.Split(0.8, 0.1, seed: region);
        return new RegionSplit(region, train, validation, test);
    }

    public void Dispose() => Source.Dispose();
}
