namespace MaLAM4Com.Models;

/// <summary>
/// One training run's optimiser and stopping rules. AdamW at <paramref name="LearningRate"/>: the rate ramps
/// up linearly over <paramref name="WarmupEpochs"/>, then with <paramref name="CosineDecay"/> follows a cosine
/// down to zero at <paramref name="MaxEpochs"/>, otherwise stays fixed. (Adaptation warms up too: Adam's first
/// full-size steps would throw a proxy SAM far from the reference and lose the LAM's head start.) Training stops
/// after <paramref name="Patience"/> epochs without a better validation NMSE; the best weights are restored.
/// </summary>
public sealed record TrainingSettings(
    int MaxEpochs,
    int Patience,
    int BatchSize,
    double LearningRate,
    double WeightDecay,
    int WarmupEpochs,
    bool CosineDecay,
    long Seed)
{
    public void Validate()
    {
        if (MaxEpochs < 1 || Patience < 1 || BatchSize < 1 || WarmupEpochs < 0)
            throw new ArgumentException($"Training epochs, patience and batch size must be positive: {this}.");
        if (!(LearningRate > 0) || WeightDecay < 0)
            throw new ArgumentException($"Learning rate must be positive and weight decay non-negative: {this}.");
    }

    /// <summary>The learning rate at a fractional epoch (epoch index plus the share of its batches done).</summary>
    public double RateAt(double epoch)
    {
        if (epoch < WarmupEpochs)
            return LearningRate * (epoch + 1.0 / 16) / WarmupEpochs;
        if (!CosineDecay)
            return LearningRate;
        double progress = (epoch - WarmupEpochs) / Math.Max(1, MaxEpochs - WarmupEpochs);
        return LearningRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, progress)));
    }
}
