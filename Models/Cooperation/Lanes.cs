using System.Numerics;
using System.Runtime.InteropServices;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// Element-wise arithmetic on spans of doubles with vector lanes. Every element gets the same operations in the
/// same order whatever the vector width, so results do not depend on the CPU.
/// </summary>
internal static class Lanes
{
    /// <summary>y += a x.</summary>
    public static void AddScaled(Span<double> y, double a, ReadOnlySpan<double> x)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<double>(a);
            var ys = MemoryMarshal.Cast<double, Vector<double>>(y);
            var xs = MemoryMarshal.Cast<double, Vector<double>>(x);
            for (int v = 0; v < ys.Length; v++)
                ys[v] += scale * xs[v];
            k = ys.Length * Vector<double>.Count;
        }
        for (; k < y.Length; k++)
            y[k] += a * x[k];
    }

    /// <summary>sum += a b, element by element.</summary>
    public static void AddProduct(Span<double> sum, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var sums = MemoryMarshal.Cast<double, Vector<double>>(sum);
            var xs = MemoryMarshal.Cast<double, Vector<double>>(a);
            var ys = MemoryMarshal.Cast<double, Vector<double>>(b);
            for (int v = 0; v < sums.Length; v++)
                sums[v] += xs[v] * ys[v];
            k = sums.Length * Vector<double>.Count;
        }
        for (; k < sum.Length; k++)
            sum[k] += a[k] * b[k];
    }

    /// <summary>y /= divisor.</summary>
    public static void Divide(Span<double> y, double divisor)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var by = new Vector<double>(divisor);
            var ys = MemoryMarshal.Cast<double, Vector<double>>(y);
            for (int v = 0; v < ys.Length; v++)
                ys[v] /= by;
            k = ys.Length * Vector<double>.Count;
        }
        for (; k < y.Length; k++)
            y[k] /= divisor;
    }
}
