using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using MaLAM4Com.Channels;
using MaLAM4Com.Engine.Randomness;
using static TorchSharp.torch;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// Full fidelity: every agent trains its own TorchSharp SAM on CSI of its region. The cloud's LAM is
/// pretrained on the cloud's data pool of the scenario's regions (cached on disk) and frozen; its encoder
/// bottleneck, projected on its principal axes (<see cref="EmbeddingProjection"/>, fitted on the pool),
/// is the shared embedding encoder. Shared objects are read-only after construction; all TorchSharp work of
/// the entities (and the channel source, whose generator reuses buffers) takes turns on one gate.
/// </summary>
public sealed class FullBackend : ILearningBackend, IDisposable
{
    /// <summary>Sample indices of the cloud's pool within each region; agents' private samples sit far below.</summary>
    public const long PoolFirstIndex = 1_000_000_000;

    /// <summary>Each agent owns this many sample indices of its region (training first, test from the middle).</summary>
    public const long IndicesPerAgent = 1_000_000;

    // All TorchSharp work of the simulated entities (agents, workers, the cloud) takes turns on this gate: see LockedLearner.
    // It also keeps seeding the global generator and constructing a model together.
    private static readonly object TorchWork = new();

    private readonly LearningSettings _settings;
    private readonly ulong _seed;
    private readonly CsiChannelSource _source;
    private readonly TransformerSettings _sam;
    private readonly Dictionary<int, Tensor> _poolInputs = new();
    private readonly Func<Tensor, int, int, Tensor> _distil;

    /// <param name="distil">Dataset distillation of (real inputs, count, region) to synthetic inputs.</param>
    public FullBackend(LearningSettings settings, ulong seed, string cacheDirectory, TextWriter progress, Func<Tensor, int, int, Tensor> distil)
    {
        _settings = settings;
        _seed = seed;
        _distil = distil;
        _source = new CsiChannelSource(new CsiGeneratorSettings(), seed, settings.Rho);
        var preset = ModelPreset.FromName(settings.LamPreset);
        var lamSettings = preset.Lam with { StemRank = settings.LamStemRank };
        _sam = preset.Sam with { StemRank = settings.SamStemRank };
        var regions = Enumerable.Range(1, settings.Regions).ToArray();
        var pool = regions.Select(r => _source.Sample(r, PoolFirstIndex, settings.LamPoolSamplesPerRegion)).ToList();
        var training = preset.Pretraining with { MaxEpochs = settings.LamEpochs, Patience = Math.Max(3, settings.LamEpochs / 3) };
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
    }

    public int MaxDimension => Projection.Dimension;

    public TransformerModel Lam { get; }

    public double LamValidationNmseDb { get; }

    public EmbeddingProjection Projection { get; }

    internal LearningSettings Settings => _settings;

    public IAgentLearner CreateAgent(int agent, int region)
    {
        int span = _settings.SamplesMax - _settings.SamplesMin + 1;
        int samples = _settings.SamplesMin + (int)(RandomStream.AgentSamples.Key(_seed, agent) % (ulong)span);
        long first = agent * IndicesPerAgent;
        lock (TorchWork)
        {
            var train = _source.Sample(region, first, samples);
            var test = _source.Sample(region, first + IndicesPerAgent / 2, _settings.TestSamples);
            manual_seed(unchecked((long)RandomStream.AgentInit.Key(_seed, agent)));
            var sam = new TransformerModel(_sam);
            return new LockedLearner(new SamAgentLearner(this, sam, train, test, _seed, agent), TorchWork);
        }
    }

    public ImmutableArray<float> DistilAnchors(int region)
    {
        lock (TorchWork)
            return Distil(region);
    }

    private ImmutableArray<float> Distil(int region)
    {
        using var scope = NewDisposeScope();
        return Values(_distil(_poolInputs[region], _settings.Anchors, region));
    }

    public ImmutableArray<float> TeacherOutputs(int region, ImmutableArray<float> anchors) => Teach(anchors, output => output);

    public ImmutableArray<float> TeacherEmbeddings(int region, ImmutableArray<float> anchors) => Teach(anchors, output => Projection.Project(Lam.Embed(output), MaxDimension));

    private ImmutableArray<float> Teach(ImmutableArray<float> anchors, Func<Tensor, Tensor> knowledge)
    {
        lock (TorchWork)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            return Values(knowledge(Lam.forward(AnchorTensor(anchors.AsSpan()))));
        }
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

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"full fidelity, LAM {Lam.Settings.Describe()}");

    public void Dispose()
    {
        foreach (var t in _poolInputs.Values)
            t.Dispose();
        Projection.Dispose();
        Lam.Dispose();
    }
}
