namespace MaLAM4Com.Engine.Randomness;

/// <summary>
/// xoshiro256** generator: fast, small state, and its output is fixed by the algorithm (unlike
/// System.Random, whose sequence is an implementation detail). A mutable struct: pass it by ref.
/// </summary>
public struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    public Xoshiro256(ulong seed)
    {
        // SplitMix64 expands the seed; it never yields an all-zero state.
        _s0 = StableRandom.Mix(seed);
        _s1 = StableRandom.Mix(seed + 1);
        _s2 = StableRandom.Mix(seed + 2);
        _s3 = StableRandom.Mix(seed + 3);
        _spareGaussian = 0;
        _hasSpare = false;
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in (0, 1], safe for logarithms.</summary>
    public double NextDoubleNonZero() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Standard normal by the Marsaglia polar method (no trigonometry; the spare is kept).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        _hasSpare = true;
        return u * factor;
    }
}
