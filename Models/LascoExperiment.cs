using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>
/// Runs the LASCO experiment (methods.md, "LASCO and E-LASCO"): pretrains the LAM and the reference
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
        Directory.CreateDirectory(settings.CacheDirectory);
        string key = CacheKey();
        var lamPath = CheckpointPath("lam", key);
        var samPath = CheckpointPath("sam", key);
        if (Cached(lamPath) is { } lamCached && Cached(samPath) is { } samCached)
        {
            progress.WriteLine($"pretrained LAM and SAM loaded from {settings.CacheDirectory} (key {key})");
            return (Load("lam", settings.Preset.Lam, lamPath, lamCached), Load("sam", settings.Preset.Sam, samPath, samCached));
        }
        var parts = settings.PretrainRegions.Select(r => source.Sample(r, 0, settings.Preset.PretrainSamplesPerRegion)).ToList();
        using var pooled = ChannelDataset.Concat(parts);
        foreach (var part in parts)
            part.Dispose();
        var (train, validation, empty) = pooled.Split(1 - LascoExperimentSettings.PretrainValidationShare, LascoExperimentSettings.PretrainValidationShare, seed: 0);
        using (train)
        using (validation)
        using (empty)
        {
            progress.WriteLine($"pretraining on {train.Count} samples from {settings.PretrainRegions.Count} regions, validating on {validation.Count}");
            return (Train("lam", settings.Preset.Lam, lamPath, train, validation), Train("sam", settings.Preset.Sam, samPath, train, validation));
        }
    }

    private PretrainedModel Train(string role, TransformerSettings network, string path, ChannelDataset train, ChannelDataset validation)
    {
        manual_seed(settings.Preset.Pretraining.Seed);
        var model = new TransformerModel(network);
        var result = new Trainer(settings.Preset.Pretraining, progress).Train(new ResidualEstimator(model), train, validation, $"pretrain {role}");
        model.save(path);
        File.WriteAllText(Path.ChangeExtension(path, ".json"), JsonSerializer.Serialize(result));
        return new PretrainedModel(role, model, result, FromCache: false, path);
    }

    private static TrainingResult? Cached(string path)
    {
        var json = Path.ChangeExtension(path, ".json");
        return File.Exists(path) && File.Exists(json) ? JsonSerializer.Deserialize<TrainingResult>(File.ReadAllText(json)) : null;
    }

    private static PretrainedModel Load(string role, TransformerSettings network, string path, TrainingResult training)
    {
        var model = new TransformerModel(network);
        model.load(path);
        return new PretrainedModel(role, model, training, FromCache: true, path);
    }

    private string CheckpointPath(string role, string key) =>
        Path.Combine(settings.CacheDirectory, $"lasco-{settings.Preset.Name}-{key}-{role}.pt");

    /// <summary>A hash of everything pretraining depends on, so a changed setting never reuses a stale checkpoint.</summary>
    private string CacheKey()
    {
        var preset = settings.Preset;
        string description = string.Join("\n",
            preset.Lam, preset.Sam, preset.PretrainSamplesPerRegion, preset.Pretraining,
            string.Join(",", settings.PretrainRegions), source.Identity);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description)))[..16];
    }
}
