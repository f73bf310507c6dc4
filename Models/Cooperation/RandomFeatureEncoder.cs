using static TorchSharp.torch;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// A randomly initialised one-layer encoder, ReLU(x W + b) over the flattened channel, as distribution matching
/// uses in place of a trained network: matching mean features under many such draws matches more of the
/// distribution than its mean. Drawn from its own seeded generator, so torch's global generator is untouched.
/// Several encoders of one width are stacked as one wider matrix; their squared mean gaps simply add up.
/// </summary>
public sealed class RandomFeatureEncoder : IDisposable
{
    private readonly Tensor weight, bias;

    /// <param name="inputRms">Root-mean-square of the input entries: pre-activations get unit variance whatever the input power
    /// (a coarse estimate at sampling ratio rho keeps about rho of the channel's power).</param>
    public RandomFeatureEncoder(ulong seed, int inputs, int features, double inputRms = 1)
    {
        if (inputs < 1 || features < 1)
            throw new ArgumentException($"A random encoder needs positive sizes (got {inputs} inputs, {features} features).");
        if (!(inputRms > 0) || double.IsInfinity(inputRms))
            throw new ArgumentException($"A random encoder's input RMS must be positive and finite (got {inputRms}).");
        using var generator = new Generator(seed);
        // Biases on the pre-activations' scale make the ReLUs cut at varied levels, so the features are not half-linear.
        weight = randn([inputs, features], generator: generator) / (Math.Sqrt(inputs) * inputRms);
        bias = randn([features], generator: generator) * 0.5;
    }

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
        return (Embed(a).mean([0]) - Embed(b).mean([0])).square().sum().MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        weight.Dispose();
        bias.Dispose();
    }
}
