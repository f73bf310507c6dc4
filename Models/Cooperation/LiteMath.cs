using System.Numerics;
using System.Runtime.InteropServices;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// The few dense kernels the lite agents need, on spans and without allocating: a lite agent's step runs
/// 10^6 times per round, where MathNet's per-operation matrices would cost more than the arithmetic.
/// </summary>
public static class LiteMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length;
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..n]);
            var acc = Vector<float>.Zero;
            for (int k = 0; k < va.Length; k++)
                acc += va[k] * vb[k];
            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }
        for (; i < n; i++)
            sum += a[i] * b[i];
        return sum;
    }

    /// <summary>y[r] = row r of the row-major <paramref name="w"/> (columns = x.Length) dot x, for r &lt; rows.</summary>
    public static void MatVec(ReadOnlySpan<float> w, ReadOnlySpan<float> x, Span<float> y, int rows, int columns)
    {
        for (int r = 0; r < rows; r++)
            y[r] = Dot(w.Slice(r * columns, columns), x);
    }

    /// <summary>a += scale * b.</summary>
    public static void AddScaled(Span<float> a, ReadOnlySpan<float> b, float scale)
    {
        int n = a.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..n]);
            var s = new Vector<float>(scale);
            for (int k = 0; k < va.Length; k++)
                va[k] += vb[k] * s;
            i = va.Length * Vector<float>.Count;
        }
        for (; i < n; i++)
            a[i] += scale * b[i];
    }
}
