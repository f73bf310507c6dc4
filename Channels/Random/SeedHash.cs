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
    public static ulong Derive(ulong seed, RandomStream stream, ulong a = 0, ulong b = 0) =>
        StableRandom.Mix(StableRandom.Mix(StableRandom.Mix(StableRandom.Mix(seed) ^ (ulong)stream) ^ a) ^ b);
}
