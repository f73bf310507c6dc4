using System.Diagnostics;
using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>Wall-clock inference latency of a network on one batch, without gradients, in evaluation mode.</summary>
public static class InferenceTimer
{
    /// <summary>Median milliseconds of <paramref name="repeats"/> forward passes after two warm-up passes.</summary>
    public static double MedianMilliseconds(nn.Module<Tensor, Tensor> model, Tensor batch, int repeats = 15)
    {
        model.eval();
        using var noGrad = no_grad();
        var times = new double[repeats];
        for (int i = -2; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            using (model.forward(batch)) { }
            if (i >= 0)
                times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[repeats / 2];
    }

    /// <summary>A batch of exactly <paramref name="size"/> rows taken cyclically from <paramref name="source"/>.</summary>
    public static Tensor Batch(Tensor source, int size)
    {
        using var indices = arange(size, int64) % source.shape[0];
        return source.index_select(0, indices);
    }
}
