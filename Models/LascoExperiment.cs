using System.Diagnostics;

namespace MaLAM4Com.Models;

/// <summary>
/// Runs the LASCO experiment (docs/methods.md, "LASCO and E-LASCO"): pretrains the LAM and the reference
/// SAM on the pooled pretraining regions (networks are loaded from the cache when a checkpoint with the same
/// configuration exists; a linear SAM is fitted in closed form every run), then adapts every method on each
/// held-out region with the settings' <see cref="SamFamily"/>, scores it on that region's test split, and
/// scores beside them the per-region linear fit, a reference.
/// </summary>
public sealed class LascoExperiment(LascoExperimentSettings settings, IChannelSource source, TextWriter progress)
{
    public LascoExperimentResult Run()
    {
        var clock = Stopwatch.StartNew();
        var preset = settings.Preset;
        progress.WriteLine($"LAM: {preset.Lam.Describe()}");
        progress.WriteLine(settings.SamFamily == SamFamily.Transformer ? $"SAM: {preset.Sam.Describe()}" : "SAM: linear, fitted in closed form");
        var (lam, sam, adapter) = Pretrain();
        var results = new List<AdaptationResult>();
        var linearFit = new Dictionary<int, double>();
        foreach (int region in settings.AdaptationRegions)
        {
            using var all = source.Sample(region, 0, settings.SamplesPerAdaptationRegion);
            var (train, validation, test) = all.Split(LascoExperimentSettings.TrainShare, LascoExperimentSettings.ValidationShare, seed: region);
            using var split = new RegionSplit(region, train, validation, test);
            linearFit[region] = RegionLinearFitDb(split);
            progress.WriteLine($"region {region} per-region linear fit (reference): test NMSE {linearFit[region]:F2} dB");
            foreach (var result in adapter.Adapt(split, LascoMethods.All))
            {
                progress.WriteLine($"region {region} {result.Method.Key()}: test NMSE {result.TestNmseDb:F2} dB, GCS {result.TestGcs:F4}"
                    + (result.Alpha is { } a ? $", alpha {a:F3}" : ""));
                results.Add(result);
            }
        }
        return new LascoExperimentResult(settings, source.Identity, lam, sam, results, linearFit, clock.Elapsed);
    }

    /// <summary>
    /// The reference row: a linear SAM fitted on the region's train split alone (<see cref="LinearSam.Fit"/>: the
    /// coordinates of those inputs, ridge toward the coarse estimate, strength chosen on validation), scored on its test split.
    /// </summary>
    private static double RegionLinearFitDb(RegionSplit split)
    {
        var (fit, _) = LinearSam.Fit(split.Train, split.Validation);
        using (fit)
        using (fit.Coordinates)
            return Lasco.Score(fit, split.Test).NmseDb;
    }

    private (PretrainedModel Lam, PretrainedSam Sam, ILascoAdapter Adapter) Pretrain()
    {
        var preset = settings.Preset;
        var cache = new PretrainCache(settings.CacheDirectory, progress);
        // The key does not depend on the SAM family, so either family reuses the other's LAM.
        string stem = $"lasco-{preset.Name}-{CacheKey()}";
        var data = new Lazy<(ITrainingSamples, ChannelDataset)>(PooledData);
        try
        {
            var lam = cache.LoadOrTrain($"{stem}-lam", "lam", preset.Lam, preset.Pretraining, data);
            if (settings.SamFamily == SamFamily.Transformer)
            {
                var sam = cache.LoadOrTrain($"{stem}-sam", "sam", preset.Sam, preset.Pretraining, data);
                return (lam, PretrainedSam.Of(sam), new Lasco(lam.Network, sam.Network, preset.Adaptation, progress));
            }
            // The linear reference fits the first epoch's samples (all of them, for a fixed pool) and chooses its ridge
            // strength on the pretraining validation samples.
            var (samples, validation) = data.Value;
            var (reference, choice) = LinearSam.Fit(samples.ForEpoch(0), validation);
            progress.WriteLine($"linear reference SAM: {reference.Shape()}, lambda {choice.RelativeLambda:G3}, pooled validation NMSE {choice.BestValidationNmseDb:F2} dB");
            return (lam, PretrainedSam.Of(reference, choice), new LinearLasco(lam.Network, reference));
        }
        finally
        {
            if (data.IsValueCreated)
            {
                data.Value.Item1.Dispose();
                data.Value.Item2.Dispose();
            }
        }
    }

    private (ITrainingSamples Train, ChannelDataset Validation) PooledData()
    {
        var preset = settings.Preset;
        var regions = settings.PretrainRegions;
        if (preset.PretrainSampling == PretrainSampling.FreshEachEpoch)
        {
            // Validation takes indices 0..v-1 of each region, the epochs' fresh draws the indices after them.
            int perRegion = (int)Math.Ceiling(preset.PretrainSamplesPerRegion * LascoExperimentSettings.PretrainValidationShare);
            var fixedValidation = ChannelDataset.Sample(source, regions, 0, perRegion);
            progress.WriteLine($"pretraining on {preset.PretrainSamplesPerRegion * regions.Count} fresh samples per epoch from {regions.Count} regions, "
                + $"validating on {fixedValidation.Count}");
            return (new FreshPretrainingSamples(source, regions, preset.PretrainSamplesPerRegion, firstIndex: perRegion), fixedValidation);
        }
        using var pooled = ChannelDataset.Sample(source, regions, 0, preset.PretrainSamplesPerRegion);
        var (train, validation, empty) = pooled.Split(1 - LascoExperimentSettings.PretrainValidationShare, LascoExperimentSettings.PretrainValidationShare, seed: 0);
        empty.Dispose();
        progress.WriteLine($"pretraining on {train.Count} samples from {regions.Count} regions, validating on {validation.Count}");
        return (train, validation);
    }

    /// <summary>A hash of everything pretraining depends on, so a changed setting never reuses a stale checkpoint.</summary>
    private string CacheKey()
    {
        var preset = settings.Preset;
        string description = string.Join("\n",
            preset.Lam, preset.Sam, preset.PretrainSamplesPerRegion, preset.PretrainSampling, preset.Pretraining,
            string.Join(",", settings.PretrainRegions), source.Identity);
        return PretrainCache.Key(description);
    }
}
