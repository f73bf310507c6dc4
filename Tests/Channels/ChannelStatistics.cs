using System.Numerics;
using MaLAM4Com.Channels;
using MathNet.Numerics.LinearAlgebra;

namespace MaLAM4Com.Tests.Channels;

/// <summary>Statistics measured on generated batches, for the tests that compare regions.</summary>
internal static class ChannelStatistics
{
    /// <summary>
    /// Moment-based Rician K estimate per entry, averaged over entries: with g = Var(|h|^2) / E[|h|^2]^2,
    /// K = sqrt(1 - g) / (1 - sqrt(1 - g)) (0 when g >= 1, i.e. Rayleigh).
    /// </summary>
    public static double KFactor(float[] batch, CsiShape shape)
    {
        int n = batch.Length / shape.RealLength;
        double sum = 0;
        for (int a = 0; a < shape.Antennas; a++)
            for (int k = 0; k < shape.Subcarriers; k++)
            {
                double m2 = 0, m4 = 0;
                for (int i = 0; i < n; i++)
                {
                    double re = batch[i * shape.RealLength + shape.RealIndex(a, k)];
                    double im = batch[i * shape.RealLength + shape.ImagIndex(a, k)];
                    double p = re * re + im * im;
                    m2 += p;
                    m4 += p * p;
                }
                m2 /= n;
                m4 /= n;
                double g = (m4 - m2 * m2) / (m2 * m2);
                sum += g >= 1 ? 0 : Math.Sqrt(1 - g) / (1 - Math.Sqrt(1 - g));
            }
        return sum / (shape.Antennas * shape.Subcarriers);
    }

    /// <summary>RMS distance, in angle bins, of the mean angular power profile from its peak (circular).</summary>
    public static double AngularSpreadBins(float[] batch, CsiShape shape)
    {
        var power = new AngularDelayTransform(shape).MeanPower(batch);
        var profile = new double[shape.Antennas];
        for (int p = 0; p < shape.Antennas; p++)
            for (int q = 0; q < shape.Subcarriers; q++)
                profile[p] += power[p, q];
        int peak = Array.IndexOf(profile, profile.Max());
        double total = profile.Sum(), spread = 0;
        for (int p = 0; p < shape.Antennas; p++)
        {
            int d = Math.Abs(p - peak);
            d = Math.Min(d, shape.Antennas - d);
            spread += profile[p] * d * d;
        }
        return Math.Sqrt(spread / total);
    }

    /// <summary>Spatial covariance (1 / (S Nc)) sum over samples and subcarriers of h_k h_k^H, Nt x Nt.</summary>
    public static Matrix<Complex> SpatialCovariance(ReadOnlySpan<float> batch, CsiShape shape)
    {
        int n = batch.Length / shape.RealLength;
        var sum = new Complex[shape.Antennas, shape.Antennas];
        var h = new Complex[shape.Antennas];
        for (int i = 0; i < n; i++)
        {
            var sample = batch.Slice(i * shape.RealLength, shape.RealLength);
            for (int k = 0; k < shape.Subcarriers; k++)
            {
                for (int a = 0; a < shape.Antennas; a++)
                    h[a] = new Complex(sample[shape.RealIndex(a, k)], sample[shape.ImagIndex(a, k)]);
                for (int a = 0; a < shape.Antennas; a++)
                    for (int b = 0; b < shape.Antennas; b++)
                        sum[a, b] += h[a] * Complex.Conjugate(h[b]);
            }
        }
        var r = Matrix<Complex>.Build.DenseOfArray(sum);
        return r / (n * shape.Subcarriers);
    }

    /// <summary>Correlation matrix distance 1 - |tr(R1 R2)| / (||R1||_F ||R2||_F): 0 for proportional covariances, up to 1.</summary>
    public static double CovarianceDistance(Matrix<Complex> r1, Matrix<Complex> r2) =>
        1 - (r1 * r2).Trace().Magnitude / (r1.FrobeniusNorm() * r2.FrobeniusNorm());
}
