namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// What only the lite back-end uses (<c>scenario.learning.lite.*</c>): the input axes of its smaller
/// coordinates (its output axes are the largest dimension agents may share), the sizes of each region's
/// shared sample pools (an agent's private and test samples are seeded picks from them), and the samples
/// its teacher, a linear estimator of the same kind, is fitted on.
/// </summary>
public sealed record LiteSettings(int InputAxes = 16, int PoolSamples = 4096, int TestPoolSamples = 1024, int TeacherSamples = 24)
{
    public static readonly LiteSettings Default = new();
}
