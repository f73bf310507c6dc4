using System.Collections.Immutable;
using System.Runtime.InteropServices;
using MaLAM4Com.Engine.Randomness;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// One region of the lite back-end: the real CSI of the region seen through small coordinates (a few
/// principal axes of its measurements and of its channels, fitted on the cloud's pool as at full fidelity),
/// with shared pools of training and test samples already in those coordinates, so that no agent stores
/// samples: an agent's private and test samples are seeded picks from the pools. Holds what every agent of
/// the region shares read-only: the coordinates, the pools, the anchors (a seeded subset of the cloud's
/// pool, as features) and the teacher, a linear estimator of the same kind fitted on a few of the cloud's
/// samples. A sample's NMSE is its real channel's, the energy outside the axes included.
/// </summary>
public sealed class LiteRegionTask
{
    private readonly float[] _train;
    private readonly float[] _test;
    private readonly double[] _teacher;

    public LiteRegionTask(int region, CsiChannelSource source, LearningSettings learning, int outputAxes, ulong seed)
    {
        var lite = learning.Lite;
        int pool = learning.LamPoolSamplesPerRegion;
        var (measurements, channels) = source.Arrays(region, FullBackend.PoolFirstIndex, pool);
        var coordinates = new RegionCoordinates(measurements, channels, pool, lite.InputAxes, outputAxes, source.Coarse);
        Coordinates = coordinates;
        Stride = coordinates.InputAxes + coordinates.OutputAxes + 2;
        _train = Pooled(coordinates, source.Arrays(region, 0, lite.PoolSamples));
        _test = Pooled(coordinates, source.Arrays(region, FullBackend.IndicesPerAgent / 2, lite.TestPoolSamples));
        var basis = Pooled(coordinates, (measurements, channels));
        var picks = RandomStream.LiteRegion.Random(seed, region);
        var order = Enumerable.Range(0, pool).OrderBy(_ => picks.Next()).ToArray();
        int m = coordinates.InputAxes;
        var anchors = new float[Math.Min(learning.Anchors, pool) * m];
        for (int a = 0; a < anchors.Length / m; a++)
            basis.AsSpan(order[a] * Stride, m).CopyTo(anchors.AsSpan(a * m, m));
        Anchors = ImmutableCollectionsMarshal.AsImmutableArray(anchors);
        Linear = new LinearRegion(region, coordinates, Features, decodesOutputs: false);
        _teacher = FitTeacher(coordinates, basis, order.Skip(anchors.Length / m).Take(lite.TeacherSamples).ToArray());
    }

    public RegionCoordinates Coordinates { get; }

    public LinearRegion Linear { get; }

    /// <summary>Floats per pooled sample: its m features, q coordinates, floor and channel energy.</summary>
    public int Stride { get; }

    public int TrainSamples => _train.Length / Stride;

    public int TestSamples => _test.Length / Stride;

    /// <summary>The region's anchors as features (anchors x m), shared by reference with every agent of the region.</summary>
    public ImmutableArray<float> Anchors { get; }

    /// <summary>The teacher's estimate on anchors (given as features), in coordinates: anchors x q.</summary>
    public ImmutableArray<float> Teach(ImmutableArray<float> anchors)
    {
        var features = Linear.Anchors(anchors);
        int p = Coordinates.Features, q = Coordinates.OutputAxes;
        var y = new double[q];
        var result = new float[features.Count * q];
        for (int a = 0; a < features.Count; a++)
        {
            LinearFit.Predict(_teacher, p, q, features.Features.AsSpan(a * p, p), y);
            for (int k = 0; k < q; k++)
                result[a * q + k] = (float)y[k];
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }

    /// <summary>Copies pooled training (or test) sample <paramref name="index"/> into features, coordinates, floor and energy.</summary>
    public double Copy(bool test, int index, Span<double> x, Span<double> y, out double energy)
    {
        var pool = test ? _test : _train;
        int m = Coordinates.InputAxes, q = Coordinates.OutputAxes, at = index * Stride;
        for (int i = 0; i < m; i++)
            x[i] = pool[at + i];
        x[m] = 1;
        for (int k = 0; k < q; k++)
            y[k] = pool[at + m + k];
        energy = pool[at + m + q + 1];
        return pool[at + m + q];
    }

    private double[] Features(ImmutableArray<float> anchors)
    {
        int m = Coordinates.InputAxes, p = Coordinates.Features, count = anchors.Length / m;
        if (count * m != anchors.Length || count == 0)
            throw new ArgumentException($"lite anchors must be a whole number of {m}-feature inputs; got {anchors.Length} values", nameof(anchors));
        var features = new double[count * p];
        for (int a = 0; a < count; a++)
        {
            for (int i = 0; i < m; i++)
                features[a * p + i] = anchors[a * m + i];
            features[a * p + m] = 1;
        }
        return features;
    }

    // Each sample as floats: features (without the constant), coordinates, floor, channel energy.
    private float[] Pooled(RegionCoordinates c, (float[] Measurements, float[] Channels) samples)
    {
        int mIn = c.Measurements, w = c.OutputWidth, m = c.InputAxes, q = c.OutputAxes, n = samples.Channels.Length / w;
        var result = new float[n * Stride];
        // Samples are independent: any split over threads gives the same pool.
        Parallel.For(0, n, () => (X: new double[c.Features], Y: new double[q]), (s, _, buffers) =>
        {
            c.Featurise(samples.Measurements.AsSpan(s * mIn, mIn), buffers.X);
            var h = samples.Channels.AsSpan(s * w, w);
            double floor = c.Encode(h, buffers.Y);
            double energy = 0;
            foreach (float v in h)
                energy += (double)v * v;
            int at = s * Stride;
            for (int i = 0; i < m; i++)
                result[at + i] = (float)buffers.X[i];
            for (int k = 0; k < q; k++)
                result[at + m + k] = (float)buffers.Y[k];
            result[at + m + q] = (float)floor;
            result[at + m + q + 1] = (float)energy;
            return buffers;
        }, _ => { });
        return result;
    }

    // The cloud's own linear estimator of the region, fitted as an agent fits its own on a few of the cloud's samples.
    private double[] FitTeacher(RegionCoordinates c, float[] basis, int[] picks)
    {
        int p = c.Features, q = c.OutputAxes, n = picks.Length;
        var x = new double[n * p];
        var y = new double[n * q];
        for (int s = 0; s < n; s++)
        {
            int at = picks[s] * Stride, m = c.InputAxes;
            for (int i = 0; i < m; i++)
                x[s * p + i] = basis[at + i];
            x[s * p + m] = 1;
            for (int k = 0; k < q; k++)
                y[s * q + k] = basis[at + m + k];
        }
        double lambda = LinearFit.LeaveOneOutLambda(x, y, n, p, q, c.Prior);
        var gram = new double[p * p];
        var cross = new double[p * q];
        LinearFit.Moments(x, y, n, p, q, gram, cross);
        var teacher = new double[q * p];
        LinearFit.Solve(gram, cross, p, q, c.Prior, lambda, default, default, 0, 0, teacher);
        return teacher;
    }
}

/// <summary>A lite agent's samples: seeded picks from its region's shared pools, none stored by the agent.</summary>
public sealed class PooledLinearSamples(LiteRegionTask task, ulong seed, int agent, int count, int testCount) : LinearSamples
{
    public override int Count => count;

    public override int TestCount => testCount;

    public override void Training(Span<double> x, Span<double> y)
    {
        int p = task.Coordinates.Features, q = task.Coordinates.OutputAxes;
        for (int s = 0; s < count; s++)
        {
            int index = (int)(RandomStream.LitePrivateSample.Key(seed, agent, s) % (ulong)task.TrainSamples);
            task.Copy(false, index, x.Slice(s * p, p), y.Slice(s * q, q), out _);
        }
    }

    public override void Test(Span<double> x, Span<double> y, Span<double> floor, Span<double> energy)
    {
        int p = task.Coordinates.Features, q = task.Coordinates.OutputAxes;
        for (int s = 0; s < testCount; s++)
        {
            int index = (int)(RandomStream.LiteTestSample.Key(seed, agent, s) % (ulong)task.TestSamples);
            floor[s] = task.Copy(true, index, x.Slice(s * p, p), y.Slice(s * q, q), out energy[s]);
        }
    }
}
