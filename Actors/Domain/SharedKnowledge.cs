using System.Collections.Immutable;

namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// What an agent sends in a round, as its method encodes it: the values its edge receives (already
/// quantised, laid out anchor by anchor, <paramref name="Dimension"/> each; 0: one anchor's vector) and
/// the bytes that encoding takes on the wire, header not counted.
/// </summary>
public sealed record SharedKnowledge(ImmutableArray<float> Values, int Dimension, int PayloadBytes)
{
    /// <summary>Dense values at <paramref name="bitsPerValue"/> bits each (rounded up to whole bytes).</summary>
    public static SharedKnowledge Dense(ImmutableArray<float> values, int dimension, int bitsPerValue) =>
        new(values, dimension, (int)Math.Min(int.MaxValue - 64, ((long)values.Length * bitsPerValue + 7) / 8));
}
