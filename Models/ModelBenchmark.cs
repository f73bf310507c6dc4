using System.Diagnostics;
using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>Training throughput and inference latency of the LAM and SAM of a preset, on random channel tensors.</summary>
public static class ModelBenchmark
{
    public const int TrainBatch = 256;
    public const int InferenceUsers = 64;

    /// <summary>
    /// Samples per second of forward + backward + AdamW step at <see cref="TrainBatch"/>, from the median of
    /// <paramref name="steps"/> timed steps after two warm-up steps (as <see cref="InferenceTimer"/> does), so that a
    /// pause of the machine in one step does not move the figure.
    /// </summary>
    public static double TrainSamplesPerSecond(TransformerSettings settings, int steps, long seed = 1)
    {
        manual_seed(seed);
        var model = new TransformerModel(settings);
        using var optimizer = optim.AdamW(model.parameters(), 1e-3);
        using var input = randn(TrainBatch, ChannelLayout.Antennas, ChannelLayout.TokenWidth);
        using var target = randn(TrainBatch, ChannelLayout.Antennas, ChannelLayout.TokenWidth);
        model.train();
        var seconds = new double[steps];
        for (int i = -2; i < steps; i++)
        {
            var clock = Stopwatch.StartNew();
            using (NewDisposeScope())
            {
                var loss = TensorMetrics.NmsePerSample(model.forward(input), target).mean();
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
            if (i >= 0)
                seconds[i] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(seconds);
        return TrainBatch / seconds[steps / 2];
    }

    /// <summary>Side of the square matrix product that measures the machine's ceiling.</summary>
    public const int PeakSide = 2048;

    /// <summary>
    /// This machine's practical ceiling for the networks' kind of work: GFLOP/s of a <see cref="PeakSide"/>-square
    /// float matrix product at the current thread count, the best of five after a warm-up.
    /// </summary>
    public static double PeakGflops()
    {
        using var a = randn(PeakSide, PeakSide);
        using var b = randn(PeakSide, PeakSide);
        using (matmul(a, b)) { }
        double best = double.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            using (matmul(a, b)) { }
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return 2.0 * PeakSide * PeakSide * PeakSide / best / 1e9;
    }

    /// <summary>
    /// Training GFLOP/s at <paramref name="samplesPerSecond"/>: a training step costs about three forward passes
    /// (forward, and backward for activations and for weights), matrix products only.
    /// </summary>
    public static double TrainGflops(TransformerSettings settings, double samplesPerSecond) => 3.0 * settings.FlopsPerSample * samplesPerSecond / 1e9;

    /// <summary>Median milliseconds to refine <see cref="InferenceUsers"/> users' channels with a network of these settings.</summary>
    public static double InferenceMilliseconds(TransformerSettings settings, long seed = 1)
    {
        manual_seed(seed);
        var model = new TransformerModel(settings);
        using var users = randn(InferenceUsers, ChannelLayout.Antennas, ChannelLayout.TokenWidth);
        return InferenceTimer.MedianMilliseconds(model, users);
    }
}
