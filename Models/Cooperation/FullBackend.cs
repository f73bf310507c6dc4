using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using MaLAM4Com.Channels;
using MaLAM4Com.Engine.Randomness;
using static TorchSharp.torch;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// Full fidelity: every agent holds its own CSI samples of its region and a linear model in the region's
/// coordinates (<see cref="LinearAgentLearner"/>), fitted on the cloud's pool of the region: the principal
/// axes of its measurements and of its channels (<see cref="RegionCoordinates"/>, the shared encoder of the
/// region's embeddings). The cloud's LAM is pretrained on its data of the scenario's regions (cached on
/// disk) and frozen: it is the teacher, its outputs on the anchors the cloud's own knowledge. Shared
/// objects are read-only after construction. The TorchSharp work of the entities (the LAM's forward pass,
/// a region's dataset distillation) runs on the calling actor's thread: dispose scopes and the no-grad mode
/// are per thread, and torch computes with one thread in a simulation, so two workers distil their regions
/// at once on two cores and each gets what it would alone.
/// </summary>
public sealed class FullBackend : ILearningBackend, IDisposable
{
    /// <summary>Sample indices of the cloud's pool within each region; agents' private samples sit far below.</summary>
    public const long PoolFirstIndex = 1_000_000_000;

    /// <summary>Each agent owns this many sample indices of its region (training first, test from the middle).</summary>
    public const long IndicesPerAgent = 1_000_000;

    private readonly LearningSettings _settings;
    private readonly ulong _seed;
    private readonly CsiChannelSource _source;
    private readonly Dictionary<int, Tensor> _poolInputs = new();
    private readonly Dictionary<int, LinearRegion> _regions = new();
    private readonly Func<Tensor, int, int, Tensor> _distil;

    /// <param name="distil">Dataset distillation of (real inputs, count, region) to synthetic inputs.</param>
    public FullBackend(LearningSettings settings, ulong seed, string cacheDirectory, TextWriter progress, Func<Tensor, int, int, Tensor> distil)
    {
        using var threads = TorchThreads.Fixed();
        _settings = settings;
        _seed = seed;
        _distil = distil;
        _source = new CsiChannelSource(new CsiGeneratorSettings(), seed, settings.Rho);
        var preset = ModelPreset.FromName(settings.LamPreset);
        var lamSettings = preset.Lam with { StemRank = settings.LamStemRank };
        var regions = Enumerable.Range(1, settings.Regions).ToArray();
        var pool = regions.Select(r => _source.Sample(r, PoolFirstIndex, settings.LamPoolSamplesPerRegion)).ToList();
        var training = preset.Pretraining with
        {
            MaxEpochs = settings.LamEpochs,
            Patience = Math.Max(3, settings.LamEpochs / 3),
            BatchSize = settings.LamBatchSize,
            LearningRate = settings.LamLearningRate,
            WarmupEpochs = settings.LamWarmupEpochs,
        };
        int fresh = settings.LamFreshSamplesPerRegion;
        string key = PretrainCache.Key(string.Join("\n", lamSettings, training, settings.Regions, settings.LamPoolSamplesPerRegion, fresh, _source.Identity));
        var data = new Lazy<(ITrainingSamples, ChannelDataset)>(() =>
        {
            using var pooled = ChannelDataset.Concat(pool);
            var (train, validation, empty) = pooled.Split(0.9, 0.1, seed: 0);
            empty.Dispose();
            if (fresh == 0)
            {
                progress.WriteLine($"cloud LAM: pretraining on {train.Count} pool samples of regions 1-{settings.Regions} at rho {settings.Rho:G4}");
                return (train, validation);
            }
            train.Dispose();
            progress.WriteLine($"cloud LAM: pretraining on {fresh * settings.Regions} fresh samples per epoch of regions 1-{settings.Regions} at rho {settings.Rho:G4}");
            // The epochs' draws follow the pool's indices, so they never repeat a pool sample (anchors, validation).
            return (new FreshPretrainingSamples(_source, regions, fresh, PoolFirstIndex + settings.LamPoolSamplesPerRegion), validation);
        });
        var lam = new PretrainCache(cacheDirectory, progress).LoadOrTrain($"malam4com-{preset.Name}-{key}-lam", "lam", lamSettings, training, data);
        if (data.IsValueCreated)
        {
            data.Value.Item1.Dispose();
            data.Value.Item2.Dispose();
        }
        Lam = lam.Network.Freeze();
        LamValidationNmseDb = lam.Training.BestValidationNmseDb;
        LamSamplesPerSecond = lam.FromCache ? null : lam.Training.SamplesPerSecond;
        using (no_grad())
        {
            using var targets = cat(pool.Select(p => p.Target).ToArray(), 0);
            using var embeddings = Batches.Predict(targets.shape[0], (start, length) => Lam.Embed(targets.narrow(0, start, length)));
            Projection = EmbeddingProjection.Fit(embeddings);
        }
        foreach (var (region, part) in regions.Zip(pool))
        {
            _poolInputs[region] = part.Input.clone();
            part.Dispose();
        }
        // Each region's coordinates depend on its pool alone, so the regions are fitted on all cores at once.
        var coordinates = new RegionCoordinates[regions.Length];
        Parallel.For(0, regions.Length, i =>
        {
            var (measurements, channels) = _source.Arrays(regions[i], PoolFirstIndex, settings.LamPoolSamplesPerRegion);
            coordinates[i] = new RegionCoordinates(measurements, channels, settings.LamPoolSamplesPerRegion, settings.InputAxes, settings.OutputAxes, _source.Coarse);
        });
        foreach (var (region, c) in regions.Zip(coordinates))
            _regions[region] = new LinearRegion(region, c, anchors => AnchorFeatures(c, anchors), decodesOutputs: true);
    }

    // Anchors are channel-shaped coarse estimates; a linear model sees them through their measurements.
    private double[] AnchorFeatures(RegionCoordinates coordinates, ImmutableArray<float> anchors)
    {
        var measurements = _source.Measure(ImmutableCollectionsMarshal.AsArray(anchors));
        int m = coordinates.Measurements, p = coordinates.Features, count = measurements.Length / m;
        var features = new double[count * p];
        for (int a = 0; a < count; a++)
            coordinates.Featurise(measurements.AsSpan(a * m, m), features.AsSpan(a * p, p));
        return features;
    }

    public int MaxDimension => _regions.Values.Min(r => r.Coordinates.OutputAxes);

    public TransformerModel Lam { get; }

    public double LamValidationNmseDb { get; }

    public double? LamSamplesPerSecond { get; }

    public TrainingTally Tally { get; } = new();

    public EmbeddingProjection Projection { get; }

    internal LearningSettings Settings => _settings;

    /// <summary>The region as its agents' models see it.</summary>
    public LinearRegion Region(int region) =>
        _regions.TryGetValue(region, out var r) ? r : throw new ArgumentOutOfRangeException(nameof(region), region, $"regions are 1..{_settings.Regions}");

    public IAgentLearner CreateAgent(int agent, int region)
    {
        var linear = Region(region);
        var c = linear.Coordinates;
        var (testX, testY, floor, energy) = Project(c, _source.Arrays(region, agent * IndicesPerAgent + IndicesPerAgent / 2, _settings.TestSamples));
        var own = Training(agent, region, c, testX, testY, floor, energy);
        var samples = PooledTrainingSamples.For(_settings, agent, own, a => Training(a, region, c, [], [], [], []), c.Features, c.OutputAxes);
        return new LinearAgentLearner(linear, samples, _settings, Tally);
    }

    // An agent's private training samples (the first indices it owns), beside the given test samples.
    private OwnedLinearSamples Training(int agent, int region, RegionCoordinates c, double[] testX, double[] testY, double[] floor, double[] energy)
    {
        int samples = _settings.TrainingSamplesOf(RandomStream.AgentSamples.Key(_seed, agent));
        var (x, y, _, _) = Project(c, _source.Arrays(region, agent * IndicesPerAgent, samples));
        return new OwnedLinearSamples(c.Features, x, y, testX, testY, floor, energy);
    }

    // Samples in a region's coordinates: features, output coordinates, the energy outside the axes and the channel's energy.
    private static (double[] X, double[] Y, double[] Floor, double[] Energy) Project(RegionCoordinates c, (float[] Measurements, float[] Channels) samples)
    {
        int m = c.Measurements, w = c.OutputWidth, p = c.Features, q = c.OutputAxes, n = samples.Channels.Length / w;
        var x = new double[n * p];
        var y = new double[n * q];
        var floor = new double[n];
        var energy = new double[n];
        for (int i = 0; i < n; i++)
        {
            c.Featurise(samples.Measurements.AsSpan(i * m, m), x.AsSpan(i * p, p));
            var h = samples.Channels.AsSpan(i * w, w);
            floor[i] = c.Encode(h, y.AsSpan(i * q, q));
            double e = 0;
            foreach (float v in h)
                e += (double)v * v;
            energy[i] = e;
        }
        return (x, y, floor, energy);
    }

    public ImmutableArray<float> DistilAnchors(int region)
    {
        using var scope = NewDisposeScope();
        return Values(_distil(_poolInputs[region], _settings.Anchors, region));
    }

    public ImmutableArray<float> TeacherOutputs(int region, ImmutableArray<float> anchors) => Teach(anchors, output => output);

    /// <summary>The LAM's outputs on the anchors in the region's output coordinates, as agents embed theirs.</summary>
    public ImmutableArray<float> TeacherEmbeddings(int region, ImmutableArray<float> anchors) => Region(region).EncodeOutputs(TeacherOutputs(region, anchors));

    private ImmutableArray<float> Teach(ImmutableArray<float> anchors, Func<Tensor, Tensor> knowledge)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Values(knowledge(Lam.forward(AnchorTensor(anchors.AsSpan()))));
    }

    // A tensor's values as an immutable array, without a second copy.
    private static ImmutableArray<float> Values(Tensor t) => ImmutableCollectionsMarshal.AsImmutableArray(t.contiguous().data<float>().ToArray());

    /// <summary>Flattened anchors as [K, 32, 64].</summary>
    internal static Tensor AnchorTensor(ReadOnlySpan<float> anchors)
    {
        if (anchors.Length == 0 || anchors.Length % ChannelLayout.RealsPerSample != 0)
            throw new ArgumentException($"anchors must be a whole number of {ChannelLayout.RealsPerSample}-real samples; got {anchors.Length} values");
        return tensor(anchors.ToArray(), [anchors.Length / ChannelLayout.RealsPerSample, ChannelLayout.Antennas, ChannelLayout.TokenWidth]);
    }

    /// <summary>A seeded subset of the real inputs: distribution matching's starting point, and the anchors when no distiller is configured.</summary>
    public static Tensor RandomSubset(Tensor realInputs, int count, int region)
    {
        int n = (int)realInputs.shape[0];
        if (count > n)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"cannot pick {count} anchors from {n} samples of region {region}");
        using var indices = tensor(ChannelDataset.Permutation(n, region)[..count]);
        return realInputs.index_select(0, indices);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"full fidelity, LAM {Lam.Settings.Describe()}, agents' coordinates {_settings.InputAxes} x {_settings.OutputAxes}");

    public void Dispose()
    {
        foreach (var t in _poolInputs.Values)
            t.Dispose();
        Projection.Dispose();
        Lam.Dispose();
    }
}
