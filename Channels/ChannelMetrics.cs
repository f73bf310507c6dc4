namespace MaLAM4Com.Channels;

/// <summary>
/// Reconstruction metrics of docs/methods.md over batches in the real form of <see cref="CsiShape"/>:
/// NMSE = mean over samples of ||H_hat - H||^2 / ||H||^2 (linear and dB), and
/// GCS = mean over samples of the mean over subcarriers k of |h_hat_k^H h_k| / (||h_hat_k|| ||h_k||),
/// h_k being column k of H (the Nt antenna gains at subcarrier k).
/// </summary>
public static class ChannelMetrics
{
    public static double Nmse(ReadOnlySpan<float> estimate, ReadOnlySpan<float> truth, CsiShape shape)
    {
        int n = CheckBatch(estimate, truth, shape);
        int length = shape.RealLength;
        double sum = 0;
        for (int i = 0; i < n; i++)
            sum += SampleNmse(estimate.Slice(i * length, length), truth.Slice(i * length, length));
        return sum / n;
    }

    public static double NmseDb(ReadOnlySpan<float> estimate, ReadOnlySpan<float> truth, CsiShape shape) =>
        ToDb(Nmse(estimate, truth, shape));

    public static double ToDb(double linear) => 10 * Math.Log10(linear);

    /// <summary>||estimate - truth||^2 / ||truth||^2 of one sample; throws if the truth has no power.</summary>
    public static double SampleNmse(ReadOnlySpan<float> estimate, ReadOnlySpan<float> truth)
    {
        if (estimate.Length != truth.Length)
            throw new ArgumentException($"estimate has {estimate.Length} floats, truth {truth.Length}", nameof(estimate));
        double error = 0, power = 0;
        for (int e = 0; e < truth.Length; e++)
        {
            double diff = (double)estimate[e] - truth[e];
            error += diff * diff;
            power += (double)truth[e] * truth[e];
        }
        if (power == 0)
            throw new ArgumentException("a truth sample has zero power, so its NMSE is undefined", nameof(truth));
        return error / power;
    }

    public static double Gcs(ReadOnlySpan<float> estimate, ReadOnlySpan<float> truth, CsiShape shape)
    {
        int n = CheckBatch(estimate, truth, shape);
        int length = shape.RealLength;
        double sum = 0;
        for (int i = 0; i < n; i++)
            sum += SampleGcs(estimate.Slice(i * length, length), truth.Slice(i * length, length), shape);
        return sum / n;
    }

    /// <summary>GCS of one sample. A subcarrier where either vector is zero scores 0: no direction was recovered.</summary>
    public static double SampleGcs(ReadOnlySpan<float> estimate, ReadOnlySpan<float> truth, CsiShape shape)
    {
        if (estimate.Length != shape.RealLength || truth.Length != shape.RealLength)
            throw new ArgumentException($"a sample has {shape.RealLength} floats (got {estimate.Length} and {truth.Length})", nameof(estimate));
        double sum = 0;
        for (int k = 0; k < shape.Subcarriers; k++)
        {
            // inner = h_hat^H h, accumulated over antennas.
            double innerRe = 0, innerIm = 0, normEst = 0, normTrue = 0;
            for (int a = 0; a < shape.Antennas; a++)
            {
                double er = estimate[shape.RealIndex(a, k)], ei = estimate[shape.ImagIndex(a, k)];
                double tr = truth[shape.RealIndex(a, k)], ti = truth[shape.ImagIndex(a, k)];
                innerRe += er * tr + ei * ti;
                innerIm += er * ti - ei * tr;
                normEst += er * er + ei * ei;
                normTrue += tr * tr + ti * ti;
            }
            if (normEst > 0 && normTrue > 0)
                sum += Math.Sqrt(innerRe * innerRe + innerIm * innerIm) / Math.Sqrt(normEst * normTrue);
        }
        return sum / shape.Subcarriers;
    }

    private static int CheckBatch(ReadOnlySpan<float> estimate, ReadOnlySpan<float> truth, CsiShape shape)
    {
        if (estimate.Length != truth.Length)
            throw new ArgumentException($"estimate has {estimate.Length} floats, truth {truth.Length}", nameof(estimate));
        int n = shape.SampleCount(truth.Length, nameof(truth));
        if (n == 0)
            throw new ArgumentException("the batch is empty", nameof(truth));
        return n;
    }
}
