using System.Collections.Immutable;
using System.Runtime.InteropServices;
using MaLAM4Com.Engine.Randomness;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// A lite agent: a D x D linear model of its region's task, trained each round by <c>local-steps</c>
/// steps of normalised SGD (ridge penalty) on minibatches of its private samples, plus, once it has
/// a distillation target, a term pulling its outputs on a minibatch of anchors toward the target's
/// (weight <c>distill-weight</c>, only on the coordinates the target has: its embeddings are the leading
/// coordinates of its outputs). Memory per agent
/// is its weights and a few references: private and test samples are seeded picks from the region's
/// shared pools, anchors and global knowledge are shared arrays, and weights are copied on write so
/// a saved state costs nothing until the next round changes them.
/// </summary>
public sealed class LiteAgentLearner : IAgentLearner
{
    [ThreadStatic]
    private static float[]? t_scratch;

    private readonly LiteBackend _backend;
    private readonly LiteRegionTask _task;
    private readonly int _agent;
    private float[] _weights;
    private bool _weightsShared;
    // Empty until they arrive (never default: a saved state crosses cluster members, whose serializer needs an array).
    private ImmutableArray<float> _anchors = [];
    private ImmutableArray<float> _target = [];

    /// <summary>What <see cref="Save"/> returns: arrays that are never written again, so they are shared, not copied.</summary>
    public sealed record State(float[] Weights, ImmutableArray<float> Anchors, ImmutableArray<float> Target);

    public LiteAgentLearner(LiteBackend backend, LiteRegionTask task, int agent, int samples)
    {
        _backend = backend;
        _task = task;
        _agent = agent;
        TrainingSamples = samples;
        _weights = new float[task.Dimension * task.Dimension];
    }

    public int TrainingSamples { get; }

    public bool HasAnchors => !_anchors.IsEmpty;

    public int OutputWidth => D;

    public int WeightCount => _weights.Length;

    private int D => _task.Dimension;

    private int AnchorCount => _anchors.Length / D;

    public void SetAnchors(ImmutableArray<float> anchors)
    {
        if (anchors.Length == 0 || anchors.Length % D != 0)
            throw new ArgumentException($"anchors must be a whole number of {D}-dimensional inputs; got {anchors.Length} values", nameof(anchors));
        _anchors = anchors;
    }

    public void TrainRound(int round)
    {
        var learning = _backend.Learning;
        if (learning.LocalSteps == 0)
            return;
        if (_weightsShared)
        {
            _weights = (float[])_weights.Clone();
            _weightsShared = false;
        }
        int d = D;
        var scratch = Scratch(d);
        var gradient = scratch.AsSpan(0, d * d);
        var output = scratch.AsSpan(d * d, d);
        var pool = _task.TrainPool;
        int stride = _task.Stride;
        ulong poolSize = (ulong)_task.TrainSamples;
        var distil = DistillationTarget();
        for (int step = 0; step < learning.LocalSteps; step++)
        {
            gradient.Clear();
            double inputPower = 0;
            long stepKey = (long)round * learning.LocalSteps + step;
            for (int b = 0; b < learning.BatchSize; b++)
            {
                long sample = (long)(RandomStream.LiteBatch.Key(_backend.Seed, _agent, stepKey, b) % (ulong)TrainingSamples);
                int at = (int)(RandomStream.LitePrivateSample.Key(_backend.Seed, _agent, sample) % poolSize) * stride;
                var x = pool.AsSpan(at, d);
                var y = pool.AsSpan(at + d, d);
                inputPower += Accumulate(gradient, output, x, y, d, 1f / learning.BatchSize);
            }
            if (distil is { } g)
                inputPower += DistilGradient(gradient, output, g.Values.AsSpan(), g.Dimension, stepKey * learning.BatchSize, learning.BatchSize);
            LiteMath.AddScaled(gradient, _weights, (float)_backend.Lite.Ridge);
            // Normalised step (NLMS): the step size does not depend on the scale of the inputs.
            LiteMath.AddScaled(_weights, gradient, (float)(-_backend.Lite.LearningRate / Math.Max(inputPower, 1e-12)));
        }
    }

    // Adds weight * (W x - y) x^T to the gradient; returns weight * ||x||^2.
    private double Accumulate(Span<float> gradient, Span<float> output, ReadOnlySpan<float> x, ReadOnlySpan<float> y, int rows, float weight)
    {
        int d = D;
        LiteMath.MatVec(_weights, x, output, rows, d);
        for (int i = 0; i < rows; i++)
            LiteMath.AddScaled(gradient.Slice(i * d, d), x, weight * (output[i] - y[i]));
        return weight * LiteMath.Dot(x, x);
    }

    // The distillation term toward the global knowledge's leading coordinates, on a minibatch of anchors
    // taken in turn (anchor first, first + 1, ...), so a step costs the same whatever the anchor count.
    private double DistilGradient(Span<float> gradient, Span<float> output, ReadOnlySpan<float> target, int dimension, long first, int batch)
    {
        int d = D;
        int anchors = AnchorCount;
        int count = Math.Min(batch, anchors);
        float weight = (float)(_backend.Learning.DistillWeight / count);
        double power = 0;
        for (int b = 0; b < count; b++)
        {
            int a = (int)((first + b) % anchors);
            power += Accumulate(gradient, output, _anchors.AsSpan(a * d, d), target.Slice(a * dimension, dimension), dimension, weight);
        }
        return power;
    }

    // The distillation target as (values, dimension per anchor), when it fits the anchors.
    private (ImmutableArray<float> Values, int Dimension)? DistillationTarget()
    {
        if (_target.IsEmpty || _anchors.IsEmpty || _backend.Learning.DistillWeight == 0)
            return null;
        int anchors = AnchorCount;
        if (_target.Length % anchors != 0)
            return null;
        int dimension = _target.Length / anchors;
        return dimension >= 1 && dimension <= D ? (_target, dimension) : null;
    }

    public float[] Outputs() => OnAnchors(D);

    public float[] Embeddings(int dimension) =>
        dimension >= 1
            ? OnAnchors(Math.Min(dimension, D))
            : throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "share at least one dimension");

    // The leading k coordinates of its outputs on each anchor.
    private float[] OnAnchors(int k)
    {
        if (_anchors.IsEmpty)
            throw new InvalidOperationException($"agent {_agent} has no anchors yet");
        int d = D;
        var knowledge = new float[AnchorCount * k];
        for (int a = 0; a < AnchorCount; a++)
            LiteMath.MatVec(_weights, _anchors.AsSpan(a * d, d), knowledge.AsSpan(a * k, k), k, d);
        return knowledge;
    }

    public float[] Weights() => (float[])_weights.Clone();

    public void LoadWeights(ImmutableArray<float> weights)
    {
        if (weights.Length != _weights.Length)
            throw new ArgumentException($"weights must have {_weights.Length} values; got {weights.Length}", nameof(weights));
        // Never written: training copies shared weights before it changes them.
        _weights = ImmutableCollectionsMarshal.AsArray(weights)!;
        _weightsShared = true;
    }

    public void DistilToward(DistillationTarget target) => _target = target.Values;

    public double TestNmse()
    {
        int d = D;
        var output = Scratch(d).AsSpan(d * d, d);
        var pool = _task.TestPool;
        int stride = _task.Stride;
        ulong poolSize = (ulong)_task.TestSamples;
        int tests = _backend.Learning.TestSamples;
        double sum = 0;
        for (int t = 0; t < tests; t++)
        {
            int at = (int)(RandomStream.LiteTestSample.Key(_backend.Seed, _agent, t) % poolSize) * stride;
            var y = pool.AsSpan(at + d, d);
            LiteMath.MatVec(_weights, pool.AsSpan(at, d), output, d, d);
            double error = 0, power = 0;
            for (int i = 0; i < d; i++)
            {
                double e = output[i] - y[i];
                error += e * e;
                power += (double)y[i] * y[i];
            }
            sum += error / Math.Max(power, 1e-30);
        }
        return sum / tests;
    }

    public object Save()
    {
        _weightsShared = true;
        return new State(_weights, _anchors, _target);
    }

    public void Restore(object state)
    {
        var s = state as State ?? throw new ArgumentException($"not a lite agent's state: {state?.GetType().Name ?? "null"}", nameof(state));
        if (s.Weights.Length != _weights.Length)
            throw new ArgumentException($"the saved weights have {s.Weights.Length} values, this agent {_weights.Length}", nameof(state));
        _weights = s.Weights;
        _weightsShared = true;
        _anchors = s.Anchors;
        _target = s.Target;
    }

    // Per-thread gradient and output buffers: agents run one at a time on a thread and keep nothing in them.
    private static float[] Scratch(int d)
    {
        int length = d * d + d;
        if (t_scratch is null || t_scratch.Length < length)
            t_scratch = new float[length];
        return t_scratch;
    }
}
