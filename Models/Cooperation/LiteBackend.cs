using System.Collections.Immutable;
using System.Runtime.InteropServices;
using MaLAM4Com.Engine.Randomness;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// The lite model back-end (<c>fidelity = lite</c>): every region is a seeded linear-Gaussian task in a
/// small embedding space (<see cref="LiteRegionTask"/>), every agent a D x D linear model trained by
/// normalised SGD with a ridge penalty (<see cref="LiteAgentLearner"/>). Regions are built on first use
/// and then shared read-only by reference (pools, anchors, the LAM's fit), so an agent costs little
/// more than its own weights: made for 10^5 to 10^6 agents on one machine. Thread-safe.
/// </summary>
public sealed class LiteBackend : ILearningBackend
{
    private readonly Lazy<LiteRegionTask>[] _regions;

    public LiteBackend(LearningSettings learning, ulong seed, LiteSettings? lite = null)
    {
        Lite = lite ?? LiteSettings.Default;
        Lite.Validate();
        Check(learning.Regions >= 1, nameof(learning.Regions), learning.Regions, "at least 1 region");
        Check(learning.Anchors >= 1, nameof(learning.Anchors), learning.Anchors, "at least 1 anchor");
        Check(learning.SamplesMin >= 1 && learning.SamplesMax >= learning.SamplesMin, nameof(learning.SamplesMax), learning.SamplesMax, $"1 <= samples-min ({learning.SamplesMin}) <= samples-max");
        Check(learning.TestSamples >= 1, nameof(learning.TestSamples), learning.TestSamples, "at least 1 test sample");
        Check(learning.LocalSteps >= 0 && learning.BatchSize >= 1, nameof(learning.BatchSize), learning.BatchSize, "local steps >= 0 and batch size >= 1");
        Check(learning.DistillWeight >= 0, nameof(learning.DistillWeight), learning.DistillWeight, "a distillation weight >= 0");
        Learning = learning;
        Seed = seed;
        _regions = new Lazy<LiteRegionTask>[learning.Regions + 1];
        for (int r = 1; r <= learning.Regions; r++)
        {
            int region = r;
            _regions[r] = new Lazy<LiteRegionTask>(() => new LiteRegionTask(region, seed, Lite, learning.Anchors, Math.Max(1, learning.LamPoolSamplesPerRegion)));
        }
    }

    public LearningSettings Learning { get; }

    public LiteSettings Lite { get; }

    public ulong Seed { get; }

    public int MaxDimension => Lite.Dimension;

    /// <summary>Region <paramref name="region"/> (1-based), built on first use.</summary>
    public LiteRegionTask Region(int region) =>
        region >= 1 && region <= Learning.Regions
            ? _regions[region].Value
            : throw new ArgumentOutOfRangeException(nameof(region), region, $"regions are 1..{Learning.Regions}");

    public IAgentLearner CreateAgent(int agent, int region)
    {
        int span = Learning.SamplesMax - Learning.SamplesMin + 1;
        int samples = Learning.SamplesMin + (int)(RandomStream.LiteAgentSamples.Key(Seed, agent) % (ulong)span);
        return new LiteAgentLearner(this, Region(region), agent, samples);
    }

    /// <summary>The region's anchors, the same array for every caller.</summary>
    public ImmutableArray<float> DistilAnchors(int region) => Region(region).Anchors;

    public ImmutableArray<float> TeacherOutputs(int region, ImmutableArray<float> anchors)
    {
        var task = Region(region);
        int d = task.Dimension;
        if (anchors.Length == 0 || anchors.Length % d != 0)
            throw new ArgumentException($"anchors must be a whole number of {d}-dimensional inputs; got {anchors.Length} values", nameof(anchors));
        var outputs = new float[anchors.Length];
        for (int a = 0; a < anchors.Length / d; a++)
            LiteMath.MatVec(task.TeacherWeights, anchors.AsSpan(a * d, d), outputs.AsSpan(a * d, d), d, d);
        return ImmutableCollectionsMarshal.AsImmutableArray(outputs);
    }

    /// <summary>A lite model's embedding is its output itself (its leading coordinates are what a smaller report keeps).</summary>
    public ImmutableArray<float> TeacherEmbeddings(int region, ImmutableArray<float> anchors) => TeacherOutputs(region, anchors);

    private static void Check(bool ok, string name, object value, string allowed)
    {
        if (!ok)
            throw new ArgumentOutOfRangeException(name, value, $"the lite back-end needs {allowed}");
    }
}
