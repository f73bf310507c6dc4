using MaLAM4Com.Engine.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace MaLAM4Com.Channels;

/// <summary>
/// Compressive sampling s = A x of real-form CSI x (length D = 2 Nt Nc) with a seeded Gaussian
/// M x D matrix A, and the receiver's coarse estimate x_in = pinv(A) s. pinv(A) = A^T (A A^T)^-1 is
/// computed once (MathNet, double precision); batches are then two float matrix products
/// (<see cref="BlockProduct"/>), parallel over blocks of samples.
/// </summary>
public sealed class CompressionOperator
{
    private const int SampleBlock = 64;
    private readonly float[] _a;        // M x D, row-major
    private readonly float[] _aTPacked; // A^T (D x M), packed for BlockProduct: s = x A^T
    private readonly float[] _pinvTPacked; // pinv(A)^T (M x D), packed: x_in = s pinv(A)^T

    public CompressionOperator(int dimension, int measurements, ulong seed)
    {
        if (dimension < 1)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "the dimension must be at least 1");
        if (measurements < 1 || measurements > dimension)
            throw new ArgumentOutOfRangeException(nameof(measurements), measurements, $"measurements must be in 1..{dimension}");
        Dimension = dimension;
        Measurements = measurements;
        var rng = RandomStream.CompressionMatrix.Generator(seed, dimension, measurements);
        double scale = 1 / Math.Sqrt(measurements);
        _a = new float[measurements * dimension];
        for (int i = 0; i < _a.Length; i++)
            _a[i] = (float)(scale * rng.NextGaussian());
        var aT = new float[_a.Length];
        for (int m = 0; m < measurements; m++)
            for (int d = 0; d < dimension; d++)
                aT[d * measurements + m] = _a[m * dimension + d];
        _aTPacked = BlockProduct.Pack(aT, dimension, measurements);
        _pinvTPacked = BlockProduct.Pack(PseudoInverseTransposed(_a, measurements, dimension), measurements, dimension);
    }

    /// <summary>The operator for rho = M / dimension; throws an <see cref="ArgumentException"/> naming "rho" unless M is whole.</summary>
    public static CompressionOperator ForRatio(int dimension, double rho, ulong seed) =>
        new(dimension, SamplingRatio.Measurements(rho, dimension, nameof(rho)), seed);

    public int Dimension { get; }
    public int Measurements { get; }
    public double Ratio => (double)Measurements / Dimension;

    /// <summary>A copy of A, M x D row-major.</summary>
    public float[] Matrix() => (float[])_a.Clone();

    /// <summary>s = A x for every sample: <paramref name="samples"/> is n x D, <paramref name="measurements"/> n x M.</summary>
    public void Compress(ReadOnlyMemory<float> samples, Memory<float> measurements)
    {
        int n = Count(samples.Length, Dimension, nameof(samples));
        RequireLength(measurements.Length, n * Measurements, nameof(measurements));
        ForEachBlock(n, () => 0, (start, count, _) =>
            MultiplyByA(samples.Span.Slice(start * Dimension, count * Dimension), measurements.Span.Slice(start * Measurements, count * Measurements), count));
    }

    /// <summary>x_in = pinv(A) s for every sample: <paramref name="measurements"/> is n x M, <paramref name="coarse"/> n x D.</summary>
    public void Estimate(ReadOnlyMemory<float> measurements, Memory<float> coarse)
    {
        int n = Count(measurements.Length, Measurements, nameof(measurements));
        RequireLength(coarse.Length, n * Dimension, nameof(coarse));
        ForEachBlock(n, () => 0, (start, count, _) =>
            MultiplyByPinv(measurements.Span.Slice(start * Measurements, count * Measurements), coarse.Span.Slice(start * Dimension, count * Dimension), count));
    }

    /// <summary>Both steps: coarse estimates straight from samples, measurements kept per thread only.</summary>
    public void CompressAndEstimate(ReadOnlyMemory<float> samples, Memory<float> coarse)
    {
        int n = Count(samples.Length, Dimension, nameof(samples));
        RequireLength(coarse.Length, n * Dimension, nameof(coarse));
        ForEachBlock(n, () => new float[SampleBlock * Measurements], (start, count, s) =>
        {
            var block = s.AsSpan(0, count * Measurements);
            MultiplyByA(samples.Span.Slice(start * Dimension, count * Dimension), block, count);
            MultiplyByPinv(block, coarse.Span.Slice(start * Dimension, count * Dimension), count);
        });
    }

    private static void ForEachBlock<T>(int samples, Func<T> init, Action<int, int, T> body)
    {
        int blocks = (samples + SampleBlock - 1) / SampleBlock;
        Parallel.For(0, blocks, init, (b, _, local) =>
        {
            int start = b * SampleBlock;
            body(start, Math.Min(SampleBlock, samples - start), local);
            return local;
        }, _ => { });
    }

    private static int Count(int length, int width, string name)
    {
        if (length % width != 0)
            throw new ArgumentException($"length {length} is not a whole number of {width}-float rows", name);
        return length / width;
    }

    private static void RequireLength(int actual, int expected, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"expected {expected} floats, got {actual}", name);
    }

    private void MultiplyByA(ReadOnlySpan<float> x, Span<float> s, int count) =>
        BlockProduct.Multiply(x, Dimension, _aTPacked, Measurements, s, count);

    private void MultiplyByPinv(ReadOnlySpan<float> s, Span<float> x, int count) =>
        BlockProduct.Multiply(s, Measurements, _pinvTPacked, Dimension, x, count);

    private static float[] PseudoInverseTransposed(float[] a, int m, int d)
    {
        var matrix = Matrix<double>.Build.Dense(m, d, (i, j) => a[i * d + j]);
        var gram = matrix * matrix.Transpose();
        // pinv(A)^T = (A A^T)^-1 A, solved through the Cholesky factor of the (positive definite) Gram matrix.
        var result = gram.Cholesky().Solve(matrix);
        var pinvT = new float[m * d];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < d; j++)
                pinvT[i * d + j] = (float)result[i, j];
        return pinvT;
    }
}
