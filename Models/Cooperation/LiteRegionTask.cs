using System.Collections.Immutable;
using System.Runtime.InteropServices;
using MaLAM4Com.Engine.Randomness;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// One region of the lite back-end: a fixed linear-Gaussian task in a D-dimensional embedding space,
/// drawn from (seed, region). Inputs x ~ N(mean, diag(scale^2)) (each region its own distribution),
/// targets y = W x + noise with the noise set so that a perfect model scores <c>NoiseNmse</c>. Holds
/// what every agent of the region shares read-only: a training pool and a held-out test pool (agents
/// pick their private samples from these by seeded index, so no agent stores samples), the anchors
/// (the region's elite set) and the LAM's knowledge of it (a ridge fit on its own larger pool).
/// </summary>
public sealed class LiteRegionTask
{
    /// <summary>Floats per pooled sample: x then y.</summary>
    public int Stride => 2 * Dimension;

    public int Dimension { get; }

    public int Region { get; }

    /// <summary>The true map, row-major D x D.</summary>
    public float[] Weights { get; }

    /// <summary>Training pool, <see cref="Stride"/> floats per sample.</summary>
    public float[] TrainPool { get; }

    /// <summary>Held-out test pool, disjoint draws from the training pool.</summary>
    public float[] TestPool { get; }

    /// <summary>The LAM's model of the region (row-major D x D): ridge regression on its own pool.</summary>
    public float[] TeacherWeights { get; }

    /// <summary>The region's anchors (anchors x D), shared by reference with every agent of the region.</summary>
    public ImmutableArray<float> Anchors { get; }

    public int TrainSamples => TrainPool.Length / Stride;

    public int TestSamples => TestPool.Length / Stride;

    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly double _noiseStd;

    public LiteRegionTask(int region, ulong seed, LiteSettings settings, int anchors, int teacherPoolSamples)
    {
        settings.Validate();
        if (anchors < 1)
            throw new ArgumentOutOfRangeException(nameof(anchors), anchors, "a region needs at least one anchor");
        if (teacherPoolSamples < 1)
            throw new ArgumentOutOfRangeException(nameof(teacherPoolSamples), teacherPoolSamples, "the LAM needs at least one sample per region");
        int d = settings.Dimension;
        Dimension = d;
        Region = region;
        var random = RandomStream.LiteRegion.Random(seed, region);
        _mean = Normal.Samples(random, 0, 0.5).Take(d).ToArray();
        _scale = ContinuousUniform.Samples(random, 0.5, 1.5).Take(d).ToArray();
        Weights = Normal.Samples(random, 0, 1 / Math.Sqrt(d)).Take(d * d).Select(v => (float)v).ToArray();
        _noiseStd = Math.Sqrt(settings.NoiseNmse * SignalPower(random));
        TrainPool = Draw(random, settings.PoolSamples);
        TestPool = Draw(random, settings.TestPoolSamples);
        TeacherWeights = RidgeFit(Draw(random, teacherPoolSamples), settings.Ridge);
        Anchors = ImmutableCollectionsMarshal.AsImmutableArray(MatchMoments(Draw(random, anchors)));
    }

    // Mean power per target coordinate of W x over a probe of inputs, to set the noise floor.
    private double SignalPower(Random random)
    {
        const int probe = 256;
        double sum = 0;
        var x = new float[Dimension];
        var y = new float[Dimension];
        for (int n = 0; n < probe; n++)
        {
            DrawInput(random, x);
            LiteMath.MatVec(Weights, x, y, Dimension, Dimension);
            foreach (float v in y)
                sum += v * v;
        }
        return sum / (probe * Dimension);
    }

    private void DrawInput(Random random, Span<float> x)
    {
        for (int i = 0; i < Dimension; i++)
            x[i] = (float)(_mean[i] + _scale[i] * Normal.Sample(random, 0, 1));
    }

    private float[] Draw(Random random, int samples)
    {
        var pool = new float[samples * Stride];
        for (int n = 0; n < samples; n++)
        {
            var x = pool.AsSpan(n * Stride, Dimension);
            var y = pool.AsSpan(n * Stride + Dimension, Dimension);
            DrawInput(random, x);
            LiteMath.MatVec(Weights, x, y, Dimension, Dimension);
            for (int i = 0; i < Dimension; i++)
                y[i] += (float)(_noiseStd * Normal.Sample(random, 0, 1));
        }
        return pool;
    }

    // W = Y^T X (X^T X + ridge I)^-1, solved by Cholesky on the D x D normal equations.
    private float[] RidgeFit(float[] pool, double ridge)
    {
        int d = Dimension;
        int n = pool.Length / Stride;
        var x = Matrix<double>.Build.Dense(n, d, (r, c) => pool[r * Stride + c]);
        var y = Matrix<double>.Build.Dense(n, d, (r, c) => pool[r * Stride + d + c]);
        var gram = x.TransposeThisAndMultiply(x) + Matrix<double>.Build.DenseIdentity(d) * (ridge * n);
        var solution = gram.Cholesky().Solve(x.TransposeThisAndMultiply(y));
        // solution is D x D with W^T in it: row i of W is column i of the solution.
        var w = new float[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
                w[i * d + j] = (float)solution[j, i];
        return w;
    }

    /// <summary>
    /// Dataset distillation by distribution matching, in its cheapest form: seeded draws of the region's
    /// inputs shifted and scaled per coordinate so that the set's mean and spread equal the training
    /// pool's, so even a handful of anchors covers the region's input distribution.
    /// </summary>
    private float[] MatchMoments(float[] draws)
    {
        int d = Dimension;
        int anchors = draws.Length / Stride;
        var result = new float[anchors * d];
        for (int i = 0; i < d; i++)
        {
            var (poolMean, poolStd) = Moments(TrainPool, TrainSamples, i);
            var (mean, std) = Moments(draws, anchors, i);
            double gain = anchors > 1 && std > 0 ? poolStd / std : 1;
            for (int a = 0; a < anchors; a++)
                result[a * d + i] = (float)(poolMean + (draws[a * Stride + i] - mean) * gain);
        }
        return result;
    }

    private (double Mean, double Std) Moments(float[] pool, int samples, int coordinate)
    {
        double sum = 0, squares = 0;
        for (int n = 0; n < samples; n++)
        {
            double v = pool[n * Stride + coordinate];
            sum += v;
            squares += v * v;
        }
        double mean = sum / samples;
        return (mean, Math.Sqrt(Math.Max(0, squares / samples - mean * mean)));
    }
}
