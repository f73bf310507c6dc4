using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MaLAM4Com.Channels.Random;
using MathNet.Numerics.LinearAlgebra;

namespace MaLAM4Com.Channels;

/// <summary>
/// Compressive sampling s = A x of real-form CSI x (length D = 2 Nt Nc) with a seeded Gaussian
/// M x D matrix A, and the receiver's coarse estimate x_in = pinv(A) s. pinv(A) = A^T (A A^T)^-1 is
/// computed once (MathNet, double precision); batches are then two float matrix products, blocked
/// and parallel over samples. The kernels use fused multiply-add on fixed 8-wide vectors, which
/// .NET evaluates identically with or without hardware FMA, so results do not depend on the CPU.
/// </summary>
public sealed class CompressionOperator
{
    private const int SampleBlock = 64;
    private readonly float[] _a;        // M x D, row-major
    private readonly float[] _pinvT;    // M x D: row m is column m of pinv(A)

    public CompressionOperator(int dimension, int measurements, ulong seed)
    {
        if (dimension < 1)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "the dimension must be at least 1");
        if (measurements < 1 || measurements > dimension)
            throw new ArgumentOutOfRangeException(nameof(measurements), measurements, $"measurements must be in 1..{dimension}");
        Dimension = dimension;
        Measurements = measurements;
        var rng = new Xoshiro256(SeedHash.Derive(seed, RandomStream.CompressionMatrix, (ulong)dimension, (ulong)measurements));
        double scale = 1 / Math.Sqrt(measurements);
        _a = new float[measurements * dimension];
        for (int i = 0; i < _a.Length; i++)
            _a[i] = (float)(scale * rng.NextGaussian());
        _pinvT = PseudoInverseTransposed(_a, measurements, dimension);
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

    /// <summary>S (count x M) = X (count x D) A^T: dot products of contiguous rows, 4 samples x 4 rows of A at a time.</summary>
    private void MultiplyByA(ReadOnlySpan<float> x, Span<float> s, int count)
    {
        int d = Dimension, m = Measurements;
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            int j = 0;
            for (; j + 4 <= m; j += 4)
                Dot4x4(x.Slice(i * d), _a.AsSpan(j * d), d, s.Slice(i * m + j), m);
            for (; j < m; j++)
                for (int r = 0; r < 4; r++)
                    s[(i + r) * m + j] = Dot(x.Slice((i + r) * d, d), _a.AsSpan(j * d, d));
        }
        for (; i < count; i++)
            for (int j = 0; j < m; j++)
                s[i * m + j] = Dot(x.Slice(i * d, d), _a.AsSpan(j * d, d));
    }

    /// <summary>X (count x D) = S (count x M) pinv(A)^T: rows of pinv^T scaled and summed, 4 samples x 32 columns at a time.</summary>
    private void MultiplyByPinv(ReadOnlySpan<float> s, Span<float> x, int count)
    {
        int d = Dimension, m = Measurements;
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            int col = 0;
            for (; col + 32 <= d; col += 32)
                Axpy4x32(s.Slice(i * m, 4 * m), m, _pinvT, d, col, x.Slice(i * d), d);
            for (; col < d; col++)
                for (int r = 0; r < 4; r++)
                    x[(i + r) * d + col] = Column(s.Slice((i + r) * m, m), col);
        }
        for (; i < count; i++)
            for (int col = 0; col < d; col++)
                x[i * d + col] = Column(s.Slice(i * m, m), col);
    }

    private float Column(ReadOnlySpan<float> s, int col)
    {
        float acc = 0;
        for (int j = 0; j < s.Length; j++)
            acc = MathF.FusedMultiplyAdd(s[j], _pinvT[j * Dimension + col], acc);
        return acc;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var acc = Vector256<float>.Zero;
        int k = 0;
        for (; k + 8 <= a.Length; k += 8)
            acc = Vector256.FusedMultiplyAdd(Vector256.Create(a.Slice(k, 8)), Vector256.Create(b.Slice(k, 8)), acc);
        float sum = Reduce(acc);
        for (; k < a.Length; k++)
            sum = MathF.FusedMultiplyAdd(a[k], b[k], sum);
        return sum;
    }

    private static void Dot4x4(ReadOnlySpan<float> x, ReadOnlySpan<float> a, int d, Span<float> s, int m)
    {
        Vector256<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector256<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector256<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector256<float> c30 = default, c31 = default, c32 = default, c33 = default;
        ref float x0 = ref Unsafe.AsRef(in x[0]);
        ref float a0 = ref Unsafe.AsRef(in a[0]);
        int k = 0;
        for (; k + 8 <= d; k += 8)
        {
            var a_0 = Vector256.LoadUnsafe(ref a0, (nuint)k);
            var a_1 = Vector256.LoadUnsafe(ref a0, (nuint)(d + k));
            var a_2 = Vector256.LoadUnsafe(ref a0, (nuint)(2 * d + k));
            var a_3 = Vector256.LoadUnsafe(ref a0, (nuint)(3 * d + k));
            var x_ = Vector256.LoadUnsafe(ref x0, (nuint)k);
            c00 = Vector256.FusedMultiplyAdd(x_, a_0, c00); c01 = Vector256.FusedMultiplyAdd(x_, a_1, c01);
            c02 = Vector256.FusedMultiplyAdd(x_, a_2, c02); c03 = Vector256.FusedMultiplyAdd(x_, a_3, c03);
            x_ = Vector256.LoadUnsafe(ref x0, (nuint)(d + k));
            c10 = Vector256.FusedMultiplyAdd(x_, a_0, c10); c11 = Vector256.FusedMultiplyAdd(x_, a_1, c11);
            c12 = Vector256.FusedMultiplyAdd(x_, a_2, c12); c13 = Vector256.FusedMultiplyAdd(x_, a_3, c13);
            x_ = Vector256.LoadUnsafe(ref x0, (nuint)(2 * d + k));
            c20 = Vector256.FusedMultiplyAdd(x_, a_0, c20); c21 = Vector256.FusedMultiplyAdd(x_, a_1, c21);
            c22 = Vector256.FusedMultiplyAdd(x_, a_2, c22); c23 = Vector256.FusedMultiplyAdd(x_, a_3, c23);
            x_ = Vector256.LoadUnsafe(ref x0, (nuint)(3 * d + k));
            c30 = Vector256.FusedMultiplyAdd(x_, a_0, c30); c31 = Vector256.FusedMultiplyAdd(x_, a_1, c31);
            c32 = Vector256.FusedMultiplyAdd(x_, a_2, c32); c33 = Vector256.FusedMultiplyAdd(x_, a_3, c33);
        }
        ReadOnlySpan<Vector256<float>> acc = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++)
            {
                float sum = Reduce(acc[r * 4 + c]);
                for (int t = k; t < d; t++)
                    sum = MathF.FusedMultiplyAdd(x[r * d + t], a[c * d + t], sum);
                s[r * m + c] = sum;
            }
    }

    private static void Axpy4x32(ReadOnlySpan<float> s, int m, float[] pinvT, int d, int col, Span<float> x, int xStride)
    {
        Vector256<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector256<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector256<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector256<float> c30 = default, c31 = default, c32 = default, c33 = default;
        ref float p0 = ref pinvT[0];
        for (int j = 0; j < m; j++)
        {
            nuint row = (nuint)(j * d + col);
            var p_0 = Vector256.LoadUnsafe(ref p0, row);
            var p_1 = Vector256.LoadUnsafe(ref p0, row + 8);
            var p_2 = Vector256.LoadUnsafe(ref p0, row + 16);
            var p_3 = Vector256.LoadUnsafe(ref p0, row + 24);
            var w = Vector256.Create(s[j]);
            c00 = Vector256.FusedMultiplyAdd(w, p_0, c00); c01 = Vector256.FusedMultiplyAdd(w, p_1, c01);
            c02 = Vector256.FusedMultiplyAdd(w, p_2, c02); c03 = Vector256.FusedMultiplyAdd(w, p_3, c03);
            w = Vector256.Create(s[m + j]);
            c10 = Vector256.FusedMultiplyAdd(w, p_0, c10); c11 = Vector256.FusedMultiplyAdd(w, p_1, c11);
            c12 = Vector256.FusedMultiplyAdd(w, p_2, c12); c13 = Vector256.FusedMultiplyAdd(w, p_3, c13);
            w = Vector256.Create(s[2 * m + j]);
            c20 = Vector256.FusedMultiplyAdd(w, p_0, c20); c21 = Vector256.FusedMultiplyAdd(w, p_1, c21);
            c22 = Vector256.FusedMultiplyAdd(w, p_2, c22); c23 = Vector256.FusedMultiplyAdd(w, p_3, c23);
            w = Vector256.Create(s[3 * m + j]);
            c30 = Vector256.FusedMultiplyAdd(w, p_0, c30); c31 = Vector256.FusedMultiplyAdd(w, p_1, c31);
            c32 = Vector256.FusedMultiplyAdd(w, p_2, c32); c33 = Vector256.FusedMultiplyAdd(w, p_3, c33);
        }
        ReadOnlySpan<Vector256<float>> acc = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
        for (int r = 0; r < 4; r++)
            for (int v = 0; v < 4; v++)
                acc[r * 4 + v].CopyTo(x.Slice(r * xStride + col + v * 8, 8));
    }

    /// <summary>Horizontal sum in a fixed order (hardware reductions may associate differently).</summary>
    private static float Reduce(Vector256<float> v)
    {
        var h = v.GetLower() + v.GetUpper();
        return (h.GetElement(0) + h.GetElement(1)) + (h.GetElement(2) + h.GetElement(3));
    }

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
