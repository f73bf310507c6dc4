using System.Diagnostics;
using MaLAM4Com.Channels;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>
/// Trains a <see cref="ResidualEstimator"/> on NMSE loss with AdamW: seeded shuffles, the learning-rate
/// schedule of <see cref="TrainingSettings"/>, early stopping on validation NMSE and restoring the best
/// weights. Only parameters that require gradients are optimised, so frozen networks stay untouched.
/// Progress goes to <c>progress</c> as one plain line per epoch.
/// </summary>
public sealed class Trainer(TrainingSettings settings, TextWriter? progress = null)
{
    public TrainingResult Train(ResidualEstimator model, ITrainingSamples samples, ChannelDataset validation, string label)
    {
        settings.Validate();
        torch.manual_seed(settings.Seed);
        var clock = Stopwatch.StartNew();
        var trainable = model.parameters().Where(p => p.requires_grad).ToList();
        using var optimizer = optim.AdamW(trainable, settings.LearningRate, weight_decay: settings.WeightDecay);

        var validationDb = new List<double> { ValidationNmseDb(model, validation) };
        var trainLoss = new List<double>();
        var best = Snapshot(trainable);
        int bestEpoch = 0;
        int epoch = 0;
        long seen = 0;
        while (epoch < settings.MaxEpochs && epoch - bestEpoch < settings.Patience)
        {
            model.train();
            var train = samples.ForEpoch(epoch);
            var batches = (train.Count + settings.BatchSize - 1) / settings.BatchSize;
            var order = ChannelDataset.Permutation(train.Count, unchecked((int)settings.Seed * 7919 + epoch));
            double lossSum = 0;
            for (int b = 0; b < batches; b++)
            {
                using var scope = NewDisposeScope();
                foreach (var group in optimizer.ParamGroups)
                    group.LearningRate = settings.RateAt(epoch + (double)b / batches);
                int start = b * settings.BatchSize, end = Math.Min(train.Count, start + settings.BatchSize);
                var indices = tensor(order[start..end]);
                var estimate = model.forward(train.Input.index_select(0, indices), train.Base?.index_select(0, indices));
                var loss = TensorMetrics.NmsePerSample(estimate, train.Target.index_select(0, indices)).mean();
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>() * (end - start);
            }
            epoch++;
            seen += train.Count;
            trainLoss.Add(lossSum / train.Count);
            validationDb.Add(ValidationNmseDb(model, validation));
            if (validationDb[^1] < validationDb[bestEpoch])
            {
                DisposeAll(best);
                best = Snapshot(trainable);
                bestEpoch = epoch;
            }
            Report(label, epoch, trainLoss[^1], validationDb[^1], validationDb[bestEpoch], bestEpoch, clock.Elapsed);
        }
        Restore(trainable, best);
        DisposeAll(best);
        model.eval();
        return new TrainingResult(epoch, bestEpoch, validationDb[bestEpoch], trainLoss, validationDb, trainable.Sum(p => p.numel()), clock.Elapsed, seen);
    }

    /// <summary>The model's estimates for every sample, in evaluation mode and without gradients.</summary>
    public static Tensor Predict(ResidualEstimator model, ChannelDataset data)
    {
        model.eval();
        return Batches.Predict(data.Count, (start, length) => model.forward(data.Input.narrow(0, start, length), data.Base?.narrow(0, start, length)));
    }

    /// <summary>Mean NMSE over the samples, in dB.</summary>
    public static double ValidationNmseDb(ResidualEstimator model, ChannelDataset data)
    {
        using var scope = NewDisposeScope();
        var estimate = Predict(model, data);
        return ChannelMetrics.ToDb(TensorMetrics.NmsePerSample(estimate, data.Target).mean().item<float>());
    }

    private void Report(string label, int epoch, double loss, double validationDb, double bestDb, int bestEpoch, TimeSpan elapsed)
    {
        if (progress is null)
            return;
        // The ETA assumes the run goes to MaxEpochs; early stopping can only shorten it.
        var eta = TimeSpan.FromSeconds(elapsed.TotalSeconds / epoch * (settings.MaxEpochs - epoch));
        progress.WriteLine(
            $"[{label}] epoch {epoch}/{settings.MaxEpochs} loss {loss:F5} val {validationDb:F2} dB best {bestDb:F2} dB (epoch {bestEpoch}) "
            + $"elapsed {elapsed:h\\:mm\\:ss} eta {eta:h\\:mm\\:ss}");
    }

    private static List<Tensor> Snapshot(IEnumerable<Tensor> parameters) => parameters.Select(p => p.detach().clone()).ToList();

    private static void Restore(List<Parameter> parameters, List<Tensor> snapshot)
    {
        using var noGrad = no_grad();
        for (int i = 0; i < parameters.Count; i++)
            parameters[i].copy_(snapshot[i]);
    }

    private static void DisposeAll(IEnumerable<Tensor> tensors)
    {
        foreach (var t in tensors)
            t.Dispose();
    }
}
