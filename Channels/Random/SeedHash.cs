namespace MaLAM4Com.Channels.Random;

/// <summary>The independent random streams of the channel package; a stream id keeps them apart under one seed.</summary>
public enum RandomStream : ulong
{
    RegionLayout = 1,
    RegionScatterers = 2,
    ChannelSample = 3,
    CompressionMatrix = 4,
    Shadowing = 5,
}

/// <summary>
/// Counter-based seeding: a SplitMix64 hash of (run seed, stream, entity ids). Any entity's stream
/// is computed directly from its ids, so results do not depend on order, threads or machines.
/// </summary>
public static class SeedHash
{
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Derive(ulong seed, RandomStream stream, ulong a = 0, ulong b = 0) =>
        Mix(Mix(Mix(Mix(seed) ^ (ulong)stream) ^ a) ^ b);
}
