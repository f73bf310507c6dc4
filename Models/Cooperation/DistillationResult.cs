using static TorchSharp.torch;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>An elite set made by <see cref="DatasetDistiller"/>: the synthetic samples [count, 32, 64] (owned) and the
/// distribution-matching loss of each step, measured before that step's update.</summary>
public sealed record DistillationResult(Tensor Samples, IReadOnlyList<double> Losses) : IDisposable
{
    public void Dispose() => Samples.Dispose();
}
