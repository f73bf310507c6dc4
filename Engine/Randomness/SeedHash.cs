namespace MaLAM4Com.Engine.Randomness;

/// <summary>
/// Counter-based seeding: a SplitMix64 hash of (run seed, stream, entity ids). Any entity's stream
/// is computed directly from its ids, so results do not depend on order, threads or machines.
/// </summary>
internal static class SeedHash
{
    public static ulong Derive(ulong seed, RandomStream stream, ulong a = 0, ulong b = 0) =>
        StableRandom.Mix(StableRandom.Mix(StableRandom.Mix(StableRandom.Mix(seed) ^ (ulong)stream) ^ a) ^ b);
}
