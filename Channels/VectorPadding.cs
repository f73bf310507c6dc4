using System.Runtime.Intrinsics;

namespace MaLAM4Com.Channels;

/// <summary>Buffers padded to whole 256-bit vectors of doubles, so kernels need no scalar tails (the padding stays zero).</summary>
internal static class VectorPadding
{
    public static int Lanes => Vector256<double>.Count;

    public static int RoundUp(int length) => (length + Lanes - 1) / Lanes * Lanes;
}
