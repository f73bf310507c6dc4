namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// The downstream classifier of <see cref="DownstreamTask"/>: one hidden layer of <paramref name="Hidden"/> ReLU units,
/// trained with AdamW for exactly <paramref name="Epochs"/> epochs in minibatches of <paramref name="BatchSize"/>; a
/// <paramref name="TestShare"/> of the samples is held out for the accuracy. <paramref name="Seed"/> fixes the split,
/// the initial weights and the shuffles.
/// </summary>
public sealed record DownstreamSettings(int Hidden, int Epochs, int BatchSize, double LearningRate, double WeightDecay, double TestShare, int Seed)
{
    public static DownstreamSettings Default { get; } = new(Hidden: 64, Epochs: 40, BatchSize: 64, LearningRate: 3e-3, WeightDecay: 1e-2, TestShare: 0.25, Seed: 1);

    public void Validate()
    {
        if (Hidden < 1 || Epochs < 1 || BatchSize < 1)
            throw new ArgumentException($"Downstream hidden units, epochs and batch size must be positive: {this}.");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate) || !(WeightDecay >= 0))
            throw new ArgumentException($"Downstream learning rate must be positive and weight decay non-negative: {this}.");
        if (!(TestShare > 0 && TestShare < 1))
            throw new ArgumentException($"Downstream test share must lie strictly between 0 and 1 (got {TestShare}).");
    }
}
