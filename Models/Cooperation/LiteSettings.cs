namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// Knobs of the lite back-end that the full one has no use for: the embedding width D of the regions'
/// linear tasks (also the largest dimension an agent can share), the normalised SGD step, the ridge
/// penalty, the noise floor of the targets (as an NMSE), and the sizes of each region's shared sample
/// pools (an agent's private samples are seeded picks from its region's training pool).
/// </summary>
public sealed record LiteSettings(
    int Dimension = 16,
    double LearningRate = 0.5,
    double Ridge = 1e-3,
    double NoiseNmse = 0.01,
    int PoolSamples = 4096,
    int TestPoolSamples = 1024)
{
    public static readonly LiteSettings Default = new();

    public void Validate()
    {
        if (Dimension < 1 || Dimension > 256)
            throw new ArgumentOutOfRangeException(nameof(Dimension), Dimension, "the lite embedding dimension must be within [1, 256]");
        if (!(LearningRate > 0 && LearningRate <= 1))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the lite learning rate must be within (0, 1]");
        if (!(Ridge >= 0) || !(NoiseNmse >= 0))
            throw new ArgumentOutOfRangeException(nameof(Ridge), "ridge and noise must be >= 0");
        if (PoolSamples < 2 || TestPoolSamples < 1)
            throw new ArgumentOutOfRangeException(nameof(PoolSamples), "the sample pools need at least 2 training and 1 test samples");
    }
}
