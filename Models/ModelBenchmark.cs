using System.Diagnostics;
using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>Training throughput and inference latency of the LAM and SAM of a preset, on random channel tensors.</summary>
public static class ModelBenchmark
{
    public const int TrainBatch = 256;
    public const int InferenceUsers = 64;

    /// <summary>Samples per second of forward + backward + AdamW step at <see cref="TrainBatch"/>, over <paramref name="steps"/> timed steps after two warm-up steps.</summary>
    public static double TrainSamplesPerSecond(TransformerSettings settings, int steps, long seed = 1)
    {
        manual_seed(seed);
        var model = new TransformerModel(settings);
        using var optimizer = optim.AdamW(model.parameters(), 1e-3);
        using var input = randn(TrainBatch, ChannelLayout.Antennas, ChannelLayout.TokenWidth);
        using var target = randn(TrainBatch, ChannelLayout.Antennas, ChannelLayout.TokenWidth);
        model.train();
        var clock = new Stopwatch();
        for (int i = -2; i < steps; i++)
        {
            if (i == 0)
                clock.Start();
            using var scope = NewDisposeScope();
            var loss = TensorMetrics.NmsePerSample(model.forward(input), target).mean();
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        return steps * TrainBatch / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Median milliseconds to refine <see cref="InferenceUsers"/> users' channels with a network of these settings.</summary>
    public static double InferenceMilliseconds(TransformerSettings settings, long seed = 1)
    {
        manual_seed(seed);
        var model = new TransformerModel(settings);
        using var users = randn(InferenceUsers, ChannelLayout.Antennas, ChannelLayout.TokenWidth);
        return InferenceTimer.MedianMilliseconds(model, users);
    }
}
