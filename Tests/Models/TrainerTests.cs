using MaLAM4Com.Models;
using static TorchSharp.torch;

namespace MaLAM4Com.Tests.Models;

public sealed class TrainerTests
{
    private static readonly TrainingSettings Fast = new(MaxEpochs: 300, Patience: 300, BatchSize: 8, LearningRate: 3e-3, WeightDecay: 0, WarmupEpochs: 0, CosineDecay: false, Seed: 11);

    [Fact]
    public void TinyModelOverfitsATinyBatch()
    {
        using var source = new SyntheticChannels();
        using var batch = source.Region(1, 4, seed: 1);
        manual_seed(1);
        var model = new ResidualEstimator(new TransformerModel(ModelPreset.Tiny.Lam));
        var result = new Trainer(Fast).Train(model, batch, batch, "overfit");
        Assert.True(result.TrainLoss[^1] < result.TrainLoss[0] / 10, $"loss went from {result.TrainLoss[0]} to {result.TrainLoss[^1]}");
    }

    [Fact]
    public void SameSeedGivesTheSameRunAndTheBestWeightsAreRestored()
    {
        using var source = new SyntheticChannels();
        using var data = source.Region(1, 48, seed: 2);
        var (train, validation, _) = data.Split(0.5, 0.25, seed: 1);
        var settings = Fast with { MaxEpochs = 6, BatchSize = 8, LearningRate = 2e-2 };
        TrainingResult Run()
        {
            manual_seed(5);
            var model = new ResidualEstimator(new TransformerModel(ModelPreset.Tiny.Sam));
            var result = new Trainer(settings).Train(model, train, validation, "repeat");
            Assert.Equal(result.BestValidationNmseDb, Trainer.ValidationNmseDb(model, validation), 4);
            return result;
        }
        var first = Run();
        var second = Run();
        Assert.Equal(first.TrainLoss, second.TrainLoss);
        Assert.Equal(first.ValidationNmseDb.Min(), first.BestValidationNmseDb);
    }

    [Fact]
    public void ScheduleWarmsUpThenDecaysByCosineOrStaysFixed()
    {
        var s = Fast with { MaxEpochs = 10, WarmupEpochs = 2, CosineDecay = true, LearningRate = 1.0 };
        Assert.True(s.RateAt(0) < s.RateAt(1));
        Assert.Equal(1.0, s.RateAt(2), 6);
        Assert.True(s.RateAt(6) < s.RateAt(4));
        Assert.Equal(0.0, s.RateAt(10), 6);
        var fixedRate = s with { CosineDecay = false };
        Assert.True(fixedRate.RateAt(0.5) < 0.5);
        Assert.Equal(1.0, fixedRate.RateAt(7));
    }
}
