using MaLAM4Com.Channels;
using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>
/// LASCO and E-LASCO adaptation to a new region with transformer SAMs, with the baselines (docs/methods.md,
/// "LASCO and E-LASCO"; <see cref="LinearLasco"/> is the same with linear SAMs). The LAM and the reference SAM are frozen on construction and never change; every adapting method
/// trains a fresh network (a copy of the reference SAM, or a new SAM for Baseline A) plus, for
/// E-LASCO, the scalar alpha. The frozen networks' outputs on a region's data are computed once and
/// shared by all methods.
/// </summary>
public sealed class Lasco : ILascoAdapter
{
    private const int UsersPerLatencyBatch = 64;

    private readonly TransformerModel lam, reference;
    private readonly TrainingSettings adaptation;
    private readonly TextWriter? progress;

    public Lasco(TransformerModel lam, TransformerModel reference, TrainingSettings adaptation, TextWriter? progress = null)
    {
        this.lam = lam.Freeze();
        this.reference = reference.Freeze();
        this.adaptation = adaptation;
        this.progress = progress;
    }

    public static bool NeedsLam(LascoMethod method) => method is LascoMethod.BaselineA or LascoMethod.NoReference or LascoMethod.Lasco or LascoMethod.ELasco;

    public static bool NeedsReference(LascoMethod method) => method is LascoMethod.Lasco or LascoMethod.ELasco;

    /// <summary>
    /// The frozen term the method adds to its trained network's output: f_lam for Baseline A and the
    /// ablation, f_lam - f_ref for LASCO and E-LASCO (E-LASCO scales it by alpha), none otherwise.
    /// Always a new tensor, so callers own it.
    /// </summary>
    public static Tensor? FrozenTerm(LascoMethod method, Tensor? lamOut, Tensor? referenceOut) => method switch
    {
        LascoMethod.BaselineA or LascoMethod.NoReference => lamOut!.alias(),
        LascoMethod.Lasco or LascoMethod.ELasco => lamOut! - referenceOut!,
        _ => null,
    };

    /// <summary>Adapts (where the method trains) and scores each method on the region's test split.</summary>
    public IReadOnlyList<AdaptationResult> Adapt(RegionSplit region, IEnumerable<LascoMethod> methods)
    {
        using var train = new FrozenOutputs(lam, reference, region.Train);
        using var validation = new FrozenOutputs(lam, reference, region.Validation);
        return methods.Select(m => Adapt(m, region, train, validation)).ToList();
    }

    private AdaptationResult Adapt(LascoMethod method, RegionSplit region, FrozenOutputs train, FrozenOutputs validation)
    {
        var settings = adaptation with { Seed = adaptation.Seed * 1000 + region.Region };
        var estimator = CreateEstimator(method, settings.Seed);
        TrainingResult? training = null;
        if (method.Adapts())
        {
            using var trainData = train.For(method);
            using var validationData = validation.For(method);
            training = new Trainer(settings, progress).Train(estimator, trainData, validationData, $"{method.Key()} region {region.Region}");
        }
        var (nmseDb, gcs, latency) = Evaluate(new AdaptedModel(method, lam, reference, estimator), region.Test);
        return new AdaptationResult(region.Region, method, nmseDb, gcs, estimator.Scale, estimator.CountTrainableParameters(), training, null, latency);
    }

    /// <summary>A method's full estimator on a region's test split: mean NMSE (dB), GCS and the median milliseconds for 64 users.</summary>
    public static (double NmseDb, double Gcs, double LatencyMs) Evaluate(nn.Module<Tensor, Tensor> model, ChannelDataset test)
    {
        var (nmseDb, gcs) = Score(model, test);
        using var users = InferenceTimer.Batch(test.Input, UsersPerLatencyBatch);
        return (nmseDb, gcs, InferenceTimer.MedianMilliseconds(model, users));
    }

    private ResidualEstimator CreateEstimator(LascoMethod method, long seed)
    {
        manual_seed(seed);
        return method switch
        {
            LascoMethod.Lam => new ResidualEstimator(lam),
            LascoMethod.Sam => new ResidualEstimator(reference),
            // Baseline A's SAM learns the residual from scratch, so it must not pass its input through.
            LascoMethod.BaselineA => new ResidualEstimator(new TransformerModel(reference.Settings with { InputSkip = false })),
            LascoMethod.ELasco => new ResidualEstimator(reference.Copy(), learnableScale: true),
            _ => new ResidualEstimator(reference.Copy()),
        };
    }

    /// <summary>Mean test NMSE (dB) and GCS of a full estimator on the samples.</summary>
    public static (double NmseDb, double Gcs) Score(nn.Module<Tensor, Tensor> model, ChannelDataset data)
    {
        using var scope = NewDisposeScope();
        model.eval();
        var estimate = Batches.Predict(data.Count, (start, length) => model.forward(data.Input.narrow(0, start, length)));
        double nmse = TensorMetrics.NmsePerSample(estimate, data.Target).mean().item<float>();
        double gcs = TensorMetrics.GcsPerSample(estimate, data.Target).mean().item<float>();
        return (ChannelMetrics.ToDb(nmse), gcs);
    }

    /// <summary>The frozen networks' outputs on one part of a region's data, computed once.</summary>
    private sealed class FrozenOutputs : IDisposable
    {
        private readonly ChannelDataset data;
        private readonly Tensor lamOut, referenceOut;

        public FrozenOutputs(TransformerModel lam, TransformerModel reference, ChannelDataset data)
        {
            this.data = data;
            lamOut = Run(lam, data.Input);
            referenceOut = Run(reference, data.Input);
        }

        /// <summary>The data with the method's frozen term attached; the caller disposes it.</summary>
        public ChannelDataset For(LascoMethod method)
        {
            var term = FrozenTerm(method, lamOut, referenceOut);
            return data.WithBase(term);
        }

        private static Tensor Run(TransformerModel model, Tensor input) =>
            Batches.Predict(input.shape[0], (start, length) => model.forward(input.narrow(0, start, length)));

        public void Dispose()
        {
            lamOut.Dispose();
            referenceOut.Dispose();
        }
    }
}
