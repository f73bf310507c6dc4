using MaLAM4Com.Engine.Randomness;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// Dataset distillation by distribution matching (Zhao and Bilen, "Dataset Condensation with Distribution
/// Matching"): a region's synthetic elite set starts as a seeded random subset of its real coarse inputs and is
/// optimised with Adam so that its mean embedding under freshly drawn random encoders
/// (<see cref="RandomFeatureEncoder"/>) matches that of a real minibatch. Random encoders need no training and
/// a fresh draw each step keeps the set from fitting any one of them. Every draw is seeded from
/// <see cref="DistillationSettings.Seed"/> and the region, so the same inputs give the same set.
/// </summary>
public sealed class DatasetDistiller
{
    /// <summary>Seed streams per region: the initial subset, the minibatches, and the encoders (keyed by step).</summary>

    private readonly DistillationSettings settings;

    public DatasetDistiller(DistillationSettings settings)
    {
        settings.Validate();
        this.settings = settings;
    }

    /// <summary>Distils the real coarse inputs [N, 32, 64] of <paramref name="region"/> into <paramref name="count"/> synthetic samples (1 &lt;= count &lt;= N).</summary>
    public DistillationResult Distil(Tensor realInputs, int count, int region)
    {
        long[] expected = [ChannelLayout.Antennas, ChannelLayout.TokenWidth];
        if (realInputs.ndim != 3 || !realInputs.shape.AsSpan(1).SequenceEqual(expected))
            throw new ArgumentException($"Real inputs must be [N, {ChannelLayout.Antennas}, {ChannelLayout.TokenWidth}]; got [{string.Join(", ", realInputs.shape)}].", nameof(realInputs));
        int n = (int)realInputs.shape[0];
        if (count < 1 || count > n)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"the elite set must hold 1..{n} samples (the number of real samples of region {region})");

        using var scope = NewDisposeScope();
        var real = realInputs.detach().to_type(ScalarType.Float32).reshape(n, ChannelLayout.RealsPerSample);
        double rms = Math.Sqrt((real * real).mean().item<float>());
        if (!(rms > 0) || double.IsInfinity(rms))
            throw new ArgumentException($"Real inputs of region {region} must be finite and not all zero (RMS {rms}).", nameof(realInputs));

        var subset = RandomStream.DistillSubset.Random(settings.Seed, region);
        var synthetic = new Parameter(real.index_select(0, tensor(Draw(subset, n, count))).clone());

        // Adam moves each entry by about the learning rate per step, so the rate is taken relative to the data's scale.
        using var optimizer = optim.Adam([synthetic], settings.LearningRate * rms);
        var batches = RandomStream.DistillBatches.Random(settings.Seed, region);
        int batchSize = Math.Min(settings.BatchSize, n);
        var losses = new List<double>(settings.Steps);
        for (int step = 0; step < settings.Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            using var encoder = new RandomFeatureEncoder(
                RandomStream.DistillEncoders.Key(settings.Seed, region, step), ChannelLayout.RealsPerSample, settings.Encoders * settings.EncoderWidth, rms);
            // The real batch needs no gradient: only the synthetic samples are parameters.
            var batch = real.index_select(0, tensor(Draw(batches, n, batchSize)));
            var loss = encoder.MeanGap(batch, synthetic) / settings.Encoders;
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }
        var samples = synthetic.detach().reshape(count, ChannelLayout.Antennas, ChannelLayout.TokenWidth).clone();
        return new DistillationResult(samples.MoveToOuterDisposeScope(), losses);
    }

    /// <summary>How far apart two sample sets' mean embeddings are under one random encoder of the settings' width drawn
    /// with <paramref name="encoderSeed"/>, scaled to <paramref name="reference"/>'s power: the quality check of an elite set
    /// (use a seed the distillation did not, to see whether the match carries over to encoders it never saw).</summary>
    public double MeanEmbeddingGap(Tensor reference, Tensor other, ulong encoderSeed)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        double rms = Math.Sqrt((reference * reference).mean().item<float>());
        using var encoder = new RandomFeatureEncoder(encoderSeed, ChannelLayout.RealsPerSample, settings.EncoderWidth, rms);
        return encoder.MeanGap(reference, other).item<float>();
    }

    /// <summary><paramref name="k"/> distinct indices of 0..n-1 (a partial Fisher-Yates shuffle), in draw order.</summary>
    private static long[] Draw(Random random, int n, int k)
    {
        var order = Enumerable.Range(0, n).Select(i => (long)i).ToArray();
        for (int i = 0; i < k; i++)
        {
            int j = random.Next(i, n);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order[..k];
    }
}
