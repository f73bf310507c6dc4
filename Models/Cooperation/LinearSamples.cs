namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// An agent's private samples in its region's coordinates: features x (p each) and output coordinates y
/// (q each), and held-out test samples with, for each, the energy of its channel outside the coordinates
/// (the floor) and its channel's energy, so that a test NMSE is the real channel's.
/// </summary>
public abstract class LinearSamples
{
    public abstract int Count { get; }

    public abstract int TestCount { get; }

    /// <summary>Fills x (Count x p) and y (Count x q).</summary>
    public abstract void Training(Span<double> x, Span<double> y);

    /// <summary>Fills x (TestCount x p), y (TestCount x q), each sample's floor and channel energy.</summary>
    public abstract void Test(Span<double> x, Span<double> y, Span<double> floor, Span<double> energy);

    /// <summary>Mean NMSE of the linear estimator <paramref name="c"/> (q x p) on the test samples.</summary>
    public double TestNmse(RegionCoordinates coordinates, ReadOnlySpan<double> c)
    {
        int n = TestCount, p = coordinates.Features, q = coordinates.OutputAxes;
        using var xs = new PooledDoubles(n * p);
        using var ys = new PooledDoubles(n * q);
        using var floors = new PooledDoubles(n);
        using var energies = new PooledDoubles(n);
        using var estimates = new PooledDoubles(q);
        Span<double> x = xs.Span, y = ys.Span, floor = floors.Span, energy = energies.Span, estimate = estimates.Span;
        Test(x, y, floor, energy);
        double sum = 0;
        for (int s = 0; s < n; s++)
        {
            LinearFit.Predict(c, p, q, x.Slice(s * p, p), estimate);
            double error = floor[s];
            for (int k = 0; k < q; k++)
            {
                double e = estimate[k] - y[s * q + k];
                error += e * e;
            }
            sum += error / Math.Max(energy[s], 1e-30);
        }
        return sum / n;
    }
}

/// <summary>Samples an agent holds itself, already in coordinates.</summary>
public sealed class OwnedLinearSamples(int features, double[] trainX, double[] trainY, double[] testX, double[] testY, double[] testFloor, double[] testEnergy) : LinearSamples
{
    public override int Count => trainX.Length / features;

    public override int TestCount => testFloor.Length;

    public override void Training(Span<double> x, Span<double> y)
    {
        trainX.CopyTo(x);
        trainY.CopyTo(y);
    }

    public override void Test(Span<double> x, Span<double> y, Span<double> floor, Span<double> energy)
    {
        testX.CopyTo(x);
        testY.CopyTo(y);
        testFloor.CopyTo(floor);
        testEnergy.CopyTo(energy);
    }
}
