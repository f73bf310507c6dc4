using System.Collections.Immutable;
using MaLAM4Com.Channels;
using MaLAM4Com.Engine.Randomness;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// The lite model back-end (<c>fidelity = lite</c>): the full back-end's model at small dimension. Every
/// region is its real CSI seen through a few principal axes (<see cref="LiteRegionTask"/>), every agent
/// the same linear estimator as at full fidelity (<see cref="LinearAgentLearner"/>) on seeded picks from
/// its region's shared pools, and the cloud's teacher a linear estimator of the same kind. Regions are
/// built when the back-end is made (or taken from <see cref="LiteRegionCache"/>) and shared read-only, so an agent costs little more than its own weights: made for
/// 10^5 to 10^6 agents on one machine. Thread-safe.
/// </summary>
public sealed class LiteBackend : ILearningBackend
{
    private readonly LiteRegionTask[] _regions;

    /// <param name="outputAxes">Output coordinates per region: the largest dimension agents may share.</param>
    public LiteBackend(LearningSettings learning, ulong seed, int outputAxes)
    {
        Check(learning.Regions >= 1, nameof(learning.Regions), learning.Regions, "at least 1 region");
        Check(learning.Anchors >= 1, nameof(learning.Anchors), learning.Anchors, "at least 1 anchor");
        Check(learning.SamplesMin >= 1 && learning.SamplesMax >= learning.SamplesMin, nameof(learning.SamplesMax), learning.SamplesMax, $"1 <= samples-min ({learning.SamplesMin}) <= samples-max");
        Check(learning.TestSamples >= 1, nameof(learning.TestSamples), learning.TestSamples, "at least 1 test sample");
        Check(learning.DistillWeight >= 0, nameof(learning.DistillWeight), learning.DistillWeight, "a distillation weight >= 0");
        Check(outputAxes >= 1, nameof(outputAxes), outputAxes, "at least 1 output axis");
        Learning = learning;
        Seed = seed;
        // Every region is built before the run starts, not by the first agent that needs it: built inside the run,
        // the regions queued behind one lock and the first round took their time. A generator reuses its buffers,
        // so each worker has its own, made when it has a region to build; a sample depends only on the seed, the region and its index.
        _regions = new LiteRegionTask[learning.Regions + 1];
        Parallel.For(1, learning.Regions + 1, () => (CsiChannelSource?)null,
            (region, _, source) =>
            {
                _regions[region] = LiteRegionCache.Get(LiteRegionCache.KeyOf(region, learning, seed, outputAxes),
                    () => new LiteRegionTask(region, source ??= new CsiChannelSource(new CsiGeneratorSettings(), seed, learning.Rho), learning, outputAxes, seed));
                return source;
            }, _ => { });
        MaxDimension = outputAxes;
    }

    public LearningSettings Learning { get; }

    public ulong Seed { get; }

    public int MaxDimension { get; }

    public TrainingTally Tally { get; } = new();

    /// <summary>The lite back-end has no LAM: its teacher is a linear fit.</summary>
    public double? LamSamplesPerSecond => null;

    /// <summary>Region <paramref name="region"/> (1-based).</summary>
    public LiteRegionTask Region(int region) =>
        region >= 1 && region <= Learning.Regions
            ? _regions[region]
            : throw new ArgumentOutOfRangeException(nameof(region), region, $"regions are 1..{Learning.Regions}");

    public IAgentLearner CreateAgent(int agent, int region)
    {
        var task = Region(region);
        var own = Samples(task, agent, Learning.TestSamples);
        var samples = PooledTrainingSamples.For(Learning, agent, own, a => Samples(task, a, 0), task.Coordinates.Features, task.Coordinates.OutputAxes);
        return new LinearAgentLearner(task.Linear, samples, Learning, Tally);
    }

    // An agent's seeded picks from its region's pools: its training samples and testCount test samples.
    private PooledLinearSamples Samples(LiteRegionTask task, int agent, int testCount)
    {
        int samples = Learning.TrainingSamplesOf(RandomStream.LiteAgentSamples.Key(Seed, agent));
        return new PooledLinearSamples(task, Seed, agent, samples, testCount);
    }

    /// <summary>The region's anchors, the same array for every caller.</summary>
    public ImmutableArray<float> DistilAnchors(int region) => Region(region).Anchors;

    /// <summary>A lite model's outputs are its coordinates: the teacher's outputs and embeddings are the same.</summary>
    public ImmutableArray<float> TeacherOutputs(int region, ImmutableArray<float> anchors) => Region(region).Teach(anchors);

    public ImmutableArray<float> TeacherEmbeddings(int region, ImmutableArray<float> anchors) => TeacherOutputs(region, anchors);

    private static void Check(bool ok, string name, object value, string allowed)
    {
        if (!ok)
            throw new ArgumentOutOfRangeException(name, value, $"the lite back-end needs {allowed}");
    }
}
