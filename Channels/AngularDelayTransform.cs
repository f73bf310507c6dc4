using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace MaLAM4Com.Channels;

/// <summary>
/// The angular-delay view of H: G = F_a H F_d with F_a the unitary DFT over antennas (angle bins)
/// and F_d the unitary inverse DFT over subcarriers (delay bins). Both are unitary, so G keeps H's
/// power; a path at angle theta and delay tau lands near angle bin Nt d sin(theta) (shifted so bin
/// Nt/2 is broadside) and delay bin tau * bandwidth.
/// </summary>
public sealed class AngularDelayTransform
{
    private readonly Matrix<Complex> _angle;
    private readonly Matrix<Complex> _delay;
    private readonly Matrix<Complex> _h;

    public AngularDelayTransform(CsiShape shape)
    {
        Shape = shape;
        int nt = shape.Antennas, nc = shape.Subcarriers;
        // Row p of F_a projects onto spatial frequency (p - Nt/2) / Nt: the centred (fft-shifted) angle grid.
        _angle = Matrix<Complex>.Build.Dense(nt, nt, (p, n) =>
            Complex.FromPolarCoordinates(1 / Math.Sqrt(nt), -2 * Math.PI * n * (p - nt / 2) / nt));
        _delay = Matrix<Complex>.Build.Dense(nc, nc, (k, q) =>
            Complex.FromPolarCoordinates(1 / Math.Sqrt(nc), 2 * Math.PI * k * q / nc));
        _h = Matrix<Complex>.Build.Dense(nt, nc);
    }

    public CsiShape Shape { get; }

    /// <summary>|G|^2 of one real-form sample, added into <paramref name="power"/> (angle bins x delay bins). Not thread-safe.</summary>
    public void AccumulatePower(ReadOnlySpan<float> sample, double[,] power)
    {
        if (sample.Length != Shape.RealLength)
            throw new ArgumentException($"a sample has {Shape.RealLength} floats (got {sample.Length})", nameof(sample));
        for (int n = 0; n < Shape.Antennas; n++)
            for (int k = 0; k < Shape.Subcarriers; k++)
                _h[n, k] = new Complex(sample[Shape.RealIndex(n, k)], sample[Shape.ImagIndex(n, k)]);
        var g = _angle * _h * _delay;
        for (int p = 0; p < Shape.Antennas; p++)
            for (int q = 0; q < Shape.Subcarriers; q++)
            {
                double m = g[p, q].Magnitude;
                power[p, q] += m * m;
            }
    }

    /// <summary>Mean |G|^2 over every sample of a real-form batch (angle bins x delay bins).</summary>
    public double[,] MeanPower(ReadOnlySpan<float> samples)
    {
        int n = Shape.SampleCount(samples.Length, nameof(samples));
        var power = new double[Shape.Antennas, Shape.Subcarriers];
        for (int i = 0; i < n; i++)
            AccumulatePower(samples.Slice(i * Shape.RealLength, Shape.RealLength), power);
        for (int p = 0; p < Shape.Antennas; p++)
            for (int q = 0; q < Shape.Subcarriers; q++)
                power[p, q] /= Math.Max(n, 1);
        return power;
    }
}
