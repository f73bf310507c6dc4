namespace MaLAM4Com.Engine.Randomness;

/// <summary>
/// Counter-based randomness: a value is a pure function of (seed, keys), so any entity, link or
/// message draws the same number on every machine, thread count and processing order.
/// SplitMix64's finaliser mixes the keys.
/// </summary>
internal static class StableRandom
{
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Hash(ulong seed, long a) => Mix(seed ^ Mix((ulong)a));

    public static ulong Hash(ulong seed, long a, long b) => Mix(Hash(seed, a) ^ Mix((ulong)b + 0x632BE59BD9B4E019UL));

    public static ulong Hash(ulong seed, long a, long b, long c) => Mix(Hash(seed, a, b) ^ Mix((ulong)c + 0x8CB92BA72F3D8DD7UL));

    /// <summary>A uniform double in [0, 1) from a hash value (53 high bits).</summary>
    public static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));
}
