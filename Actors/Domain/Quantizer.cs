using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// Uniform symmetric quantisation of a knowledge vector to <c>bits</c> per value with one scale (the
/// largest magnitude), as an agent would send it; returns the values the receiver reconstructs.
/// 32 bits means float32 as is. The caller hands <c>values</c> over: they may be returned as they are.
/// </summary>
public static class Quantizer
{
    public static ImmutableArray<float> Apply(float[] values, int bits)
    {
        if (bits < 1 || bits > 32)
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "bits per value must be within [1, 32]");
        if (bits == 32)
            return ImmutableCollectionsMarshal.AsImmutableArray(values);
        float scale = 0;
        foreach (float v in values)
            scale = Math.Max(scale, Math.Abs(v));
        if (scale == 0)
            return ImmutableCollectionsMarshal.AsImmutableArray(values);
        // One bit can only say the sign; more bits give 2^(bits-1) - 1 levels each side of zero.
        double levels = bits == 1 ? 1 : (1L << (bits - 1)) - 1;
        var result = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
            result[i] = bits == 1
                ? MathF.CopySign(scale, values[i])
                : (float)(Math.Round(values[i] / scale * levels) / levels * scale);
        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }
}
