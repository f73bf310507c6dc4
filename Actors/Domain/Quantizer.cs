using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// Uniform symmetric quantisation of a knowledge vector to <c>bits</c> per value with one scale (the
/// largest magnitude), as an agent would send it; returns the values the receiver reconstructs.
/// 32 bits means float32 as is. The caller hands <c>values</c> over: they are quantised in place and returned.
/// </summary>
public static class Quantizer
{
    public static ImmutableArray<float> Apply(float[] values, int bits)
    {
        Apply(values, bits, values);
        return ImmutableCollectionsMarshal.AsImmutableArray(values);
    }

    /// <summary>What <see cref="Apply(float[], int)"/> gives, written into <paramref name="into"/> (as long as the values; it may be the values themselves).</summary>
    public static void Apply(ReadOnlySpan<float> values, int bits, Span<float> into)
    {
        CheckBits(bits);
        float scale = Scale(values);
        if (bits == 32 || scale == 0)
        {
            values.CopyTo(into);
            return;
        }
        // One bit can only say the sign; more bits give 2^(bits-1) - 1 levels each side of zero.
        double levels = bits == 1 ? 1 : (1L << (bits - 1)) - 1;
        for (int i = 0; i < values.Length; i++)
            into[i] = bits == 1
                ? MathF.CopySign(scale, values[i])
                : (float)(Math.Round(values[i] / scale * levels) / levels * scale);
    }

    private static void CheckBits(int bits)
    {
        if (bits < 1 || bits > 32)
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "bits per value must be within [1, 32]");
    }

    private static float Scale(ReadOnlySpan<float> values)
    {
        float scale = 0;
        foreach (float v in values)
            scale = Math.Max(scale, Math.Abs(v));
        return scale;
    }
}
