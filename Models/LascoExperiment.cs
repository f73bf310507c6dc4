using System.Diagnostics;

namespace MaLAM4Com.Models;

/// <summary>
/// Runs the LASCO experiment (docs/methods.md, "LASCO and E-LASCO"): pretrains the LAM and the reference
/// SAM on the pooled pretraining regions, or loads them from the cache when a checkpoint with the same
/// configuration exists, then adapts every method on each held-out region and scores it on that
/// region's test split.
/// </summary>
public sealed class LascoExperiment(LascoExperimentSettings settings, IChannelSource source, TextWriter progress)
{
    public LascoExperimentResult Run()
    {
        var clock = Stopwatch.StartNew();
        var preset = settings.Preset;
        progress.WriteLine($"LAM: {preset.Lam.Describe()}");
        progress.WriteLine($"SAM: {preset.Sam.Describe()}");
        var (lam, sam) = Pretrain();
        var lasco = new Lasco(lam.Network, sam.Network, preset.Adaptation, progress);
        var results = new List<AdaptationResult>();
        foreach (int region in settings.AdaptationRegions)
        {
            using var all = source.Sample(region, 0, settings.SamplesPerAdaptationRegion);
            var (train, validation, test) = all.Split(LascoExperimentSettings.TrainShare, LascoExperimentSettings.ValidationShare, seed: region);
            using var split = new RegionSplit(region, train, validation, test);
            foreach (var result in lasco.Adapt(split, LascoMethods.All))
            {
                progress.WriteLine($"region {region} {result.Method.Key()}: test NMSE {result.TestNmseDb:F2} dB, GCS {result.TestGcs:F4}"
                    + (result.Alpha is { } a ? $", alpha {a:F3}" : ""));
                results.Add(result);
            }
        }
        return new LascoExperimentResult(settings, source.Identity, lam, sam, results, clock.Elapsed);
    }

    private (PretrainedModel Lam, PretrainedModel Sam) Pretrain()
    {
        var preset = settings.Preset;
        var cache = new PretrainCache(settings.CacheDirectory, progress);
        string stem = $"lasco-{preset.Name}-{CacheKey()}";
        var data = new Lazy<(ITrainingSamples, ChannelDataset)>(PooledData);
        try
        {
            return (cache.LoadOrTrain($"{stem}-lam", "lam", preset.Lam, preset.Pretraining, data),
                cache.LoadOrTrain($"{stem}-sam", "sam", preset.Sam, preset.Pretraining, data));
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
