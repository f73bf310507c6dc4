using System.Runtime.InteropServices;
using MaLAM4Com.Engine.Randomness;
using static TorchSharp.torch;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// A randomly initialised one-layer encoder, ReLU(x W + b) over the flattened channel, as distribution matching
/// uses in place of a trained network: matching mean features under many such draws matches more of the
/// distribution than its mean. Several encoders of one width are stacked as one wider matrix; their squared mean
/// gaps simply add up.
/// </summary>
/// <remarks>
/// Weights and biases are uniform, as a freshly initialised layer's are, and drawn in integer arithmetic from a
/// <see cref="Xoshiro256"/> of the seed: two 24-bit draws per 64-bit word, so a fresh encoder every
/// distillation step costs a fraction of the step (torch's seeded normal draws cost most of it), the same values
/// come out on every machine, and torch's global generator is untouched.
/// </remarks>
public sealed class RandomFeatureEncoder : IDisposable
{
    private const int UnitBits = 24;

    private readonly Tensor weight, bias;

    /// <param name="inputRms">Root-mean-square of the input entries: pre-activations get unit variance whatever the input power
    /// (a coarse estimate at sampling ratio rho keeps about rho of the channel's power).</param>
    public RandomFeatureEncoder(ulong seed, int inputs, int features, double inputRms = 1)
    {
        if (inputs < 1 || features < 1)
            throw new ArgumentException($"A random encoder needs positive sizes (got {inputs} inputs, {features} features).");
        if (!(inputRms > 0) || double.IsInfinity(inputRms))
            throw new ArgumentException($"A random encoder's input RMS must be positive and finite (got {inputRms}).");
        var random = new Xoshiro256(seed);
        // A uniform entry on [-a, a] has variance a^2 / 3.
        weight = Uniform(ref random, [inputs, features], Math.Sqrt(3 / (double)inputs) / inputRms);
        // Biases on the pre-activations' scale make the ReLUs cut at varied levels, so the features are not half-linear.
        bias = Uniform(ref random, [features], Math.Sqrt(3) * 0.5);
    }

    // Zero-mean uniform values on (-halfWidth, halfWidth), odd multiples of 2^-24 scaled once, written straight into the tensor.
    private static Tensor Uniform(ref Xoshiro256 random, long[] shape, double halfWidth)
    {
        var result = empty(shape, ScalarType.Float32);
        var values = MemoryMarshal.Cast<byte, float>(result.bytes);
        float scale = (float)(halfWidth / (1 << UnitBits));
        for (int i = 0; i < values.Length; i += 2)
        {
            ulong word = random.NextUInt64();
            values[i] = Centred(word >> (64 - UnitBits)) * scale;
            if (i + 1 < values.Length)
                values[i + 1] = Centred((word >> (64 - 2 * UnitBits)) & ((1UL << UnitBits) - 1)) * scale;
        }
        return result;
    }

    // 2b + 1 - 2^24 for a 24-bit b: an odd integer of magnitude below 2^24, exact as a float.
    private static float Centred(ulong bits) => (int)(2 * bits + 1) - (1 << UnitBits);

    public int Features => (int)weight.shape[1];

    /// <summary>Features of samples [N, ...] (flattened to [N, inputs]): [N, features]. Differentiable in the input.</summary>
    public Tensor Embed(Tensor samples)
    {
        using var scope = NewDisposeScope();
        return nn.functional.relu(samples.flatten(1).matmul(weight) + bias).MoveToOuterDisposeScope();
    }

    /// <summary>Squared distance between the mean features of two sample sets (a scalar tensor), the distribution-matching loss.</summary>
    public Tensor MeanGap(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var gap = Embed(a).mean([0]) - Embed(b).mean([0]);
        return (gap * gap).sum().MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        weight.Dispose();
        bias.Dispose();
    }
}
