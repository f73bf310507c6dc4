using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>Runs a forward pass over many samples in slices, so evaluation memory stays bounded.</summary>
public static class Batches
{
    public const int EvaluationSize = 512;

    /// <summary>Concatenates <paramref name="forward"/>(start, length) over 0..count-1, without gradients.</summary>
    public static Tensor Predict(long count, Func<long, long, Tensor> forward)
    {
        using var noGrad = no_grad();
        var parts = new List<Tensor>();
        for (long start = 0; start < count; start += EvaluationSize)
            parts.Add(forward(start, Math.Min(EvaluationSize, count - start)));
        var all = cat(parts, 0);
        foreach (var part in parts)
            part.Dispose();
        return all;
    }
}
