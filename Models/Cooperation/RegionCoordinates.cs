using MathNet.Numerics.LinearAlgebra;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// The coordinates a region's linear estimators work in, fitted on the cloud's pool of that region: input
/// features x = [U^T (s - s_mean), 1] (the <see cref="InputAxes"/> leading principal axes of the region's
/// measurements s, plus a constant) and output coordinates y = V^T (h - h_mean) (the <see cref="OutputAxes"/>
/// leading principal axes of its channels h). An estimate y_hat stands for the channel h_mean + V y_hat; the
/// energy of h outside V (its floor) is what no estimate in these coordinates recovers. The axes are the
/// shared encoder of the region's low-dimensional embeddings; <see cref="Prior"/> is the coarse estimate
/// pinv(A) s in these coordinates, where a model with no data of its own starts. Immutable.
/// </summary>
public sealed class RegionCoordinates
{
    private readonly double[] _inputMean;
    private readonly double[] _inputAxes;   // M x m, column-major by axis
    private readonly double[] _outputMean;
    private readonly double[] _outputAxes;  // Nout x q, axis after axis
    // The same axes value by value (q per channel value): encoding and decoding then read memory in order.
    private readonly double[] _outputAxesByValue;

    /// <param name="measurements">The pool's measurements, n x M row-major.</param>
    /// <param name="channels">The pool's channels, n x Nout row-major.</param>
    /// <param name="coarse">pinv(A) applied to measurement vectors (the coarse estimate of each), for the prior.</param>
    public RegionCoordinates(float[] measurements, float[] channels, int samples, int inputAxes, int outputAxes, Action<double[], double[]> coarse)
    {
        if (samples < 2)
            throw new ArgumentException($"a region's coordinates need at least 2 pool samples; got {samples}", nameof(samples));
        Measurements = measurements.Length / samples;
        OutputWidth = channels.Length / samples;
        if (Measurements * samples != measurements.Length || OutputWidth * samples != channels.Length)
            throw new ArgumentException($"{measurements.Length} measurement and {channels.Length} channel values are not {samples} samples each");
        InputAxes = Math.Min(inputAxes, Math.Min(Measurements, samples - 1));
        OutputAxes = Math.Min(outputAxes, Math.Min(OutputWidth, samples - 1));
        if (InputAxes < 1 || OutputAxes < 1)
            throw new ArgumentException($"at least one input and one output axis are needed; got {inputAxes} and {outputAxes}");
        (_inputMean, _inputAxes) = PrincipalAxes(measurements, samples, Measurements, InputAxes);
        (_outputMean, _outputAxes) = PrincipalAxes(channels, samples, OutputWidth, OutputAxes);
        _outputAxesByValue = new double[_outputAxes.Length];
        for (int k = 0; k < OutputAxes; k++)
            for (int i = 0; i < OutputWidth; i++)
                _outputAxesByValue[i * OutputAxes + k] = _outputAxes[k * OutputWidth + i];
        Prior = CoarsePrior(coarse);
    }

    /// <summary>Measurements per sample, M.</summary>
    public int Measurements { get; }

    /// <summary>Values of a decoded output (the real channel's 2048, or the width a caller chose).</summary>
    public int OutputWidth { get; }

    /// <summary>Input axes m; features are m + 1 with the constant.</summary>
    public int InputAxes { get; }

    public int Features => InputAxes + 1;

    /// <summary>Output coordinates q.</summary>
    public int OutputAxes { get; }

    /// <summary>The coarse estimate in these coordinates: q x (m + 1), row-major.</summary>
    public double[] Prior { get; }

    /// <summary>Features of one measurement vector s into <paramref name="features"/> (m + 1 values).</summary>
    public void Featurise(ReadOnlySpan<float> s, Span<double> features)
    {
        for (int k = 0; k < InputAxes; k++)
        {
            double v = 0;
            int at = k * Measurements;
            for (int i = 0; i < Measurements; i++)
                v += _inputAxes[at + i] * (s[i] - _inputMean[i]);
            features[k] = v;
        }
        features[InputAxes] = 1;
    }

    /// <summary>Output coordinates of one channel h into <paramref name="y"/> (q values); returns the energy of h outside the axes.</summary>
    public double Encode(ReadOnlySpan<float> h, Span<double> y)
    {
        int q = OutputAxes;
        var coordinates = y[..q];
        coordinates.Clear();
        double norm = 0;
        for (int i = 0; i < OutputWidth; i++)
        {
            double c = h[i] - _outputMean[i];
            norm += c * c;
            Lanes.AddScaled(coordinates, c, _outputAxesByValue.AsSpan(i * q, q));
        }
        double kept = 0;
        foreach (double v in coordinates)
            kept += v * v;
        return Math.Max(0, norm - kept);
    }

    /// <summary>The channel h_mean + V y of coordinates <paramref name="y"/> (the first y.Length axes).</summary>
    public void Decode(ReadOnlySpan<double> y, Span<float> h)
    {
        int q = OutputAxes;
        for (int i = 0; i < OutputWidth; i++)
        {
            double v = _outputMean[i];
            var axes = _outputAxesByValue.AsSpan(i * q, y.Length);
            for (int k = 0; k < y.Length; k++)
                v += axes[k] * y[k];
            h[i] = (float)v;
        }
    }

    /// <summary>Values of a model in the shape every region shares: the map from measurements (and a constant) to the channel, Nout x (M + 1).</summary>
    public int ModelValues => OutputWidth * (Measurements + 1);

    /// <summary>
    /// A model in coordinates (q x (m + 1)) as the map every region shares, from measurements to the channel:
    /// h = W s + w with W = V C U^T and w = h_mean + V (c - C U^T s_mean), row by row of the channel, the constant last.
    /// </summary>
    public float[] DecodeModel(ReadOnlySpan<double> c)
    {
        int m = InputAxes, mIn = Measurements, w = OutputWidth, q = OutputAxes, p = Features;
        // B = C U^T (q x M) and b = c - B s_mean (q).
        var b = new double[q * mIn];
        var bias = new double[q];
        for (int k = 0; k < q; k++)
        {
            bias[k] = c[k * p + m];
            for (int j = 0; j < m; j++)
                Lanes.AddScaled(b.AsSpan(k * mIn, mIn), c[k * p + j], _inputAxes.AsSpan(j * mIn, mIn));
            for (int i = 0; i < mIn; i++)
                bias[k] -= b[k * mIn + i] * _inputMean[i];
        }
        var model = new float[ModelValues];
        var row = new double[mIn + 1];
        for (int r = 0; r < w; r++)
        {
            Array.Clear(row);
            row[mIn] = _outputMean[r];
            for (int k = 0; k < q; k++)
            {
                double v = _outputAxes[k * w + r];
                Lanes.AddScaled(row.AsSpan(0, mIn), v, b.AsSpan(k * mIn, mIn));
                row[mIn] += v * bias[k];
            }
            for (int i = 0; i <= mIn; i++)
                model[r * (mIn + 1) + i] = (float)row[i];
        }
        return model;
    }

    /// <summary>The shared map of <see cref="DecodeModel"/> seen in these coordinates: C = V^T W U, c = V^T (W s_mean + w - h_mean).</summary>
    public double[] EncodeModel(ReadOnlySpan<float> model)
    {
        int m = InputAxes, mIn = Measurements, w = OutputWidth, q = OutputAxes, p = Features;
        if (model.Length != ModelValues)
            throw new ArgumentException($"a model of {model.Length} values is not {w} x {mIn + 1}", nameof(model));
        // T = V^T W (q x M) and t = V^T (w - h_mean) (q).
        var t = new double[q * (mIn + 1)];
        var row = new double[mIn + 1];
        for (int r = 0; r < w; r++)
        {
            for (int i = 0; i < mIn; i++)
                row[i] = model[r * (mIn + 1) + i];
            row[mIn] = model[r * (mIn + 1) + mIn] - _outputMean[r];
            for (int k = 0; k < q; k++)
            {
                double v = _outputAxes[k * w + r];
                if (v != 0)
                    Lanes.AddScaled(t.AsSpan(k * (mIn + 1), mIn + 1), v, row);
            }
        }
        var c = new double[q * p];
        for (int k = 0; k < q; k++)
        {
            double constant = t[k * (mIn + 1) + mIn];
            for (int i = 0; i < mIn; i++)
                constant += t[k * (mIn + 1) + i] * _inputMean[i];
            c[k * p + m] = constant;
            for (int j = 0; j < m; j++)
            {
                double v = 0;
                for (int i = 0; i < mIn; i++)
                    v += t[k * (mIn + 1) + i] * _inputAxes[j * mIn + i];
                c[k * p + j] = v;
            }
        }
        return c;
    }

    // The coarse estimate pinv(A) s = pinv(A) (s_mean + U x) in coordinates: V^T (pinv(A) U) x + V^T (pinv(A) s_mean - h_mean).
    private double[] CoarsePrior(Action<double[], double[]> coarse)
    {
        var prior = new double[OutputAxes * Features];
        var s = new double[Measurements];
        var h = new double[OutputWidth];
        for (int column = 0; column <= InputAxes; column++)
        {
            if (column < InputAxes)
                Array.Copy(_inputAxes, column * Measurements, s, 0, Measurements);
            else
                Array.Copy(_inputMean, s, Measurements);
            coarse(s, h);
            for (int k = 0; k < OutputAxes; k++)
            {
                double v = 0;
                int at = k * OutputWidth;
                for (int i = 0; i < OutputWidth; i++)
                    v += _outputAxes[at + i] * (column < InputAxes ? h[i] : h[i] - _outputMean[i]);
                prior[k * Features + column] = v;
            }
        }
        return prior;
    }

    // The leading principal axes of n samples of width w: through the n x n Gram matrix, which is small where w is not.
    private static (double[] Mean, double[] Axes) PrincipalAxes(float[] data, int n, int w, int axes)
    {
        var mean = new double[w];
        for (int r = 0; r < n; r++)
            for (int i = 0; i < w; i++)
                mean[i] += data[r * w + i];
        for (int i = 0; i < w; i++)
            mean[i] /= n;
        var centred = Matrix<double>.Build.Dense(n, w, (r, i) => data[r * w + i] - mean[i]);
        var evd = (centred * centred.Transpose()).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        // Eigenvalues come in ascending order; the axes are the largest, normalised: v = X^T u / sqrt(lambda).
        var result = new double[axes * w];
        for (int k = 0; k < axes; k++)
        {
            int e = n - 1 - k;
            double lambda = Math.Max(evd.EigenValues[e].Real, 0);
            if (lambda <= 1e-12)
                continue;
            var u = evd.EigenVectors.Column(e);
            var axis = centred.TransposeThisAndMultiply(u) / Math.Sqrt(lambda);
            // A sign convention, so that the axes do not depend on the eigen-solver's choice.
            int largest = axis.AbsoluteMaximumIndex();
            double sign = axis[largest] < 0 ? -1 : 1;
            for (int i = 0; i < w; i++)
                result[k * w + i] = sign * axis[i];
        }
        return (mean, result);
    }
}
