namespace MaLAM4Com.Models;

/// <summary>
/// Every size in the LASCO setup under one name: the LAM and SAM networks, how many channel samples
/// pretraining draws per region (once, or afresh every epoch: <see cref="PretrainSampling"/>), and the
/// pretraining and adaptation schedules.
/// <c>tiny</c> is for tests, <c>cpu</c> (the default) runs the whole experiment in about half an hour
/// on two cores, <c>paper</c> has the published sizes (20 blocks, d_model 512, d_ff 2048, about 63 M parameters).
/// </summary>
public sealed record ModelPreset(
    string Name,
    TransformerSettings Lam,
    TransformerSettings Sam,
    int PretrainSamplesPerRegion,
    PretrainSampling PretrainSampling,
    TrainingSettings Pretraining,
    TrainingSettings Adaptation)
{
    public static readonly string[] Names = ["tiny", "cpu", "paper"];

    public static ModelPreset Tiny { get; } = new(
        "tiny",
        new TransformerSettings(Blocks: 1, DModel: 64, DFeedForward: 128, Heads: 4, PreNorm: true, StemRank: 16),
        new TransformerSettings(Blocks: 1, DModel: 32, DFeedForward: 64, Heads: 2, PreNorm: false, StemRank: 8),
        PretrainSamplesPerRegion: 64,
        PretrainSampling.FixedPool,
        new TrainingSettings(MaxEpochs: 30, Patience: 10, BatchSize: 64, LearningRate: 3e-3, WeightDecay: 1e-2, WarmupEpochs: 2, CosineDecay: true, Seed: 1),
        new TrainingSettings(MaxEpochs: 30, Patience: 10, BatchSize: 64, LearningRate: 1e-3, WeightDecay: 1e-2, WarmupEpochs: 0, CosineDecay: false, Seed: 2));

    // The stems' ranks: 128 is the coarse estimate's own rank at the default rho = 1/16, so the SAM can hold a region's
    // whole linear estimator (a rank-32 SAM stem fine-tuned 2-4 dB worse in LOS regions); the LAM gets twice that.
    // The stems add 0.53 M parameters to the SAM's 0.11 M and 1.6 M to the LAM's 0.81 M, for 14 % and 6 % more FLOPs.
    public static ModelPreset Cpu { get; } = new(
        "cpu",
        new TransformerSettings(Blocks: 4, DModel: 128, DFeedForward: 512, Heads: 4, PreNorm: true, StemRank: 256),
        new TransformerSettings(Blocks: 2, DModel: 64, DFeedForward: 256, Heads: 4, PreNorm: false, StemRank: 128),
        // Fresh samples every epoch: a fixed pool of 120 per region let the LAM overfit after a few epochs and left it
        // barely ahead of the SAM; 70 epochs of new draws (840,000 samples) take about 17 minutes for the LAM on 2 cores.
        PretrainSamplesPerRegion: 120,
        PretrainSampling.FreshEachEpoch,
        new TrainingSettings(MaxEpochs: 70, Patience: 8, BatchSize: 256, LearningRate: 1e-3, WeightDecay: 1e-2, WarmupEpochs: 2, CosineDecay: true, Seed: 1),
        new TrainingSettings(MaxEpochs: 60, Patience: 20, BatchSize: 256, LearningRate: 1e-3, WeightDecay: 1e-2, WarmupEpochs: 2, CosineDecay: false, Seed: 2));

    public static ModelPreset Paper { get; } = new(
        "paper",
        new TransformerSettings(Blocks: 20, DModel: 512, DFeedForward: 2048, Heads: 8, PreNorm: true, StemRank: 256),
        new TransformerSettings(Blocks: 2, DModel: 64, DFeedForward: 256, Heads: 4, PreNorm: false, StemRank: 128),
        PretrainSamplesPerRegion: 1000,
        PretrainSampling.FixedPool,
        new TrainingSettings(MaxEpochs: 100, Patience: 20, BatchSize: 256, LearningRate: 5e-4, WeightDecay: 1e-2, WarmupEpochs: 5, CosineDecay: true, Seed: 1),
        new TrainingSettings(MaxEpochs: 100, Patience: 20, BatchSize: 256, LearningRate: 1e-3, WeightDecay: 1e-2, WarmupEpochs: 2, CosineDecay: false, Seed: 2));

    /// <summary>The preset of that name; throws <see cref="ArgumentException"/> naming the allowed ones otherwise.</summary>
    public static ModelPreset FromName(string name) => name switch
    {
        "tiny" => Tiny,
        "cpu" => Cpu,
        "paper" => Paper,
        _ => throw new ArgumentException($"Unknown model preset '{name}'; allowed: {string.Join(", ", Names)}."),
    };
}
