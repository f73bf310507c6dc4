using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MaLAM4Com.Channels;

/// <summary>
/// C (n x p) = In (n x q) B (q x p), all row-major floats: the batched products of the compression
/// operator. Every C element is accumulated as acc = fma(In[r, j], B[j, col], acc) for j = 0, 1, ...
/// in that order, whether by the vector kernel or the scalar tail, and .NET's fused multiply-add is
/// exact with or without hardware FMA: a result does not depend on the CPU, the vector width, the
/// batch size or the sample's place in it. Blocked for cache: a depth slice of a packed B panel
/// (DepthBlock x 32, contiguous) is reused over all rows of the batch.
/// </summary>
internal static class BlockProduct
{
    private const int Rows = 4;
    private const int Columns = 32;
    private const int DepthBlock = 256;

    /// <summary>
    /// B (q x p, row-major) repacked as column panels: the q x 32 panel of columns [col, col + 32) is
    /// contiguous from offset col * q (the last panel may be narrower). The kernel then streams B
    /// sequentially instead of striding p floats per step, which thrashes L1 sets when p is a power of two.
    /// </summary>
    public static float[] Pack(float[] b, int q, int p)
    {
        var packed = new float[b.Length];
        for (int col0 = 0; col0 < p; col0 += Columns)
        {
            int width = Math.Min(Columns, p - col0);
            for (int j = 0; j < q; j++)
                for (int c = 0; c < width; c++)
                    packed[col0 * q + j * width + c] = b[j * p + col0 + c];
        }
        return packed;
    }

    /// <summary>C = In B with B given by <see cref="Pack"/>; C is overwritten.</summary>
    public static void Multiply(ReadOnlySpan<float> input, int q, float[] packedB, int p, Span<float> c, int n)
    {
        c[..(n * p)].Clear();
        for (int j0 = 0; j0 < q; j0 += DepthBlock)
        {
            int j1 = Math.Min(q, j0 + DepthBlock);
            for (int col0 = 0; col0 < p; col0 += Columns)
            {
                int width = Math.Min(Columns, p - col0);
                int r = 0;
                if (width == Columns)
                    for (; r + Rows <= n; r += Rows)
                        Kernel(input, q, packedB, p, c, r, col0, j0, j1);
                Scalar(input, q, packedB, p, c, r, n, col0, width, j0, j1);
            }
        }
    }

    private static void Scalar(ReadOnlySpan<float> input, int q, float[] packedB, int p, Span<float> c, int rowStart, int rowEnd, int col0, int width, int j0, int j1)
    {
        for (int r = rowStart; r < rowEnd; r++)
            for (int k = 0; k < width; k++)
            {
                float acc = c[r * p + col0 + k];
                for (int j = j0; j < j1; j++)
                    acc = MathF.FusedMultiplyAdd(input[r * q + j], packedB[col0 * q + j * width + k], acc);
                c[r * p + col0 + k] = acc;
            }
    }

    /// <summary>Rows r..r+3, columns col..col+31, depth j0..j1: 16 vector accumulators kept in registers.</summary>
    private static void Kernel(ReadOnlySpan<float> input, int q, float[] packedB, int p, Span<float> c, int r, int col, int j0, int j1)
    {
        ref float cRef = ref MemoryMarshal.GetReference(c);
        ref float inRef = ref MemoryMarshal.GetReference(input);
        ref float bRef = ref MemoryMarshal.GetArrayDataReference(packedB);
        nuint c0 = (nuint)(r * p + col), c1 = c0 + (nuint)p, c2 = c1 + (nuint)p, c3 = c2 + (nuint)p;
        var a00 = Vector256.LoadUnsafe(ref cRef, c0); var a01 = Vector256.LoadUnsafe(ref cRef, c0 + 8);
        var a02 = Vector256.LoadUnsafe(ref cRef, c0 + 16); var a03 = Vector256.LoadUnsafe(ref cRef, c0 + 24);
        var a10 = Vector256.LoadUnsafe(ref cRef, c1); var a11 = Vector256.LoadUnsafe(ref cRef, c1 + 8);
        var a12 = Vector256.LoadUnsafe(ref cRef, c1 + 16); var a13 = Vector256.LoadUnsafe(ref cRef, c1 + 24);
        var a20 = Vector256.LoadUnsafe(ref cRef, c2); var a21 = Vector256.LoadUnsafe(ref cRef, c2 + 8);
        var a22 = Vector256.LoadUnsafe(ref cRef, c2 + 16); var a23 = Vector256.LoadUnsafe(ref cRef, c2 + 24);
        var a30 = Vector256.LoadUnsafe(ref cRef, c3); var a31 = Vector256.LoadUnsafe(ref cRef, c3 + 8);
        var a32 = Vector256.LoadUnsafe(ref cRef, c3 + 16); var a33 = Vector256.LoadUnsafe(ref cRef, c3 + 24);
        int i0 = r * q, i1 = i0 + q, i2 = i1 + q, i3 = i2 + q;
        for (int j = j0; j < j1; j++)
        {
            nuint row = (nuint)(col * q + j * Columns);
            var b0 = Vector256.LoadUnsafe(ref bRef, row);
            var b1 = Vector256.LoadUnsafe(ref bRef, row + 8);
            var b2 = Vector256.LoadUnsafe(ref bRef, row + 16);
            var b3 = Vector256.LoadUnsafe(ref bRef, row + 24);
            var w = Vector256.Create(Unsafe.Add(ref inRef, i0 + j));
            a00 = Vector256.FusedMultiplyAdd(w, b0, a00); a01 = Vector256.FusedMultiplyAdd(w, b1, a01);
            a02 = Vector256.FusedMultiplyAdd(w, b2, a02); a03 = Vector256.FusedMultiplyAdd(w, b3, a03);
            w = Vector256.Create(Unsafe.Add(ref inRef, i1 + j));
            a10 = Vector256.FusedMultiplyAdd(w, b0, a10); a11 = Vector256.FusedMultiplyAdd(w, b1, a11);
            a12 = Vector256.FusedMultiplyAdd(w, b2, a12); a13 = Vector256.FusedMultiplyAdd(w, b3, a13);
            w = Vector256.Create(Unsafe.Add(ref inRef, i2 + j));
            a20 = Vector256.FusedMultiplyAdd(w, b0, a20); a21 = Vector256.FusedMultiplyAdd(w, b1, a21);
            a22 = Vector256.FusedMultiplyAdd(w, b2, a22); a23 = Vector256.FusedMultiplyAdd(w, b3, a23);
            w = Vector256.Create(Unsafe.Add(ref inRef, i3 + j));
            a30 = Vector256.FusedMultiplyAdd(w, b0, a30); a31 = Vector256.FusedMultiplyAdd(w, b1, a31);
            a32 = Vector256.FusedMultiplyAdd(w, b2, a32); a33 = Vector256.FusedMultiplyAdd(w, b3, a33);
        }
        a00.StoreUnsafe(ref cRef, c0); a01.StoreUnsafe(ref cRef, c0 + 8); a02.StoreUnsafe(ref cRef, c0 + 16); a03.StoreUnsafe(ref cRef, c0 + 24);
        a10.StoreUnsafe(ref cRef, c1); a11.StoreUnsafe(ref cRef, c1 + 8); a12.StoreUnsafe(ref cRef, c1 + 16); a13.StoreUnsafe(ref cRef, c1 + 24);
        a20.StoreUnsafe(ref cRef, c2); a21.StoreUnsafe(ref cRef, c2 + 8); a22.StoreUnsafe(ref cRef, c2 + 16); a23.StoreUnsafe(ref cRef, c2 + 24);
        a30.StoreUnsafe(ref cRef, c3); a31.StoreUnsafe(ref cRef, c3 + 8); a32.StoreUnsafe(ref cRef, c3 + 16); a33.StoreUnsafe(ref cRef, c3 + 24);
    }
}
