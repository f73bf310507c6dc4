namespace MaLAM4Com.Engine.Randomness;

/// <summary>How each <see cref="RandomStream"/> derives its numbers from the run seed and its keys.</summary>
public static class RandomStreams
{
    // Where a stream's derivation predates this registry, it is kept as it was, so that the results of
    // earlier versions are reproduced; the collision test covers every derivation alike.
    private const long LossSalt = 0x1055, BurstSalt = 0x5e7, LitePrivate = 1L << 40;

    /// <summary>The stream's 64-bit value for (<paramref name="seed"/>, keys).</summary>
    public static ulong Key(this RandomStream stream, ulong seed, long a = 0, long b = 0, long c = 0) => stream switch
    {
        RandomStream.RegionLayout or RandomStream.RegionScatterers or RandomStream.ChannelSample
            or RandomStream.CompressionMatrix or RandomStream.Shadowing => SeedHash.Derive(seed, stream, (ulong)a, (ulong)b),
        RandomStream.LinkDelay => StableRandom.Hash(StableRandom.Hash(seed, (long)stream), a, b),
        RandomStream.Loss => StableRandom.Hash(StableRandom.Hash(seed, LossSalt), a, LossSalt),
        RandomStream.BurstState => StableRandom.Hash(StableRandom.Hash(seed, LossSalt), a, BurstSalt),
        RandomStream.AgentSamples => StableRandom.Hash(seed, a, 0x5a),
        RandomStream.AgentInit => StableRandom.Hash(seed, a, 0x5e),
        RandomStream.AgentTraining => StableRandom.Hash(StableRandom.Hash(seed, a, 0x7a), b, 0x10),
        RandomStream.LiteAgentSamples => StableRandom.Hash(seed, a, 0x5a3),
        RandomStream.LiteBatch => StableRandom.Hash(StableRandom.Hash(seed, (long)stream), a, b, c),
        RandomStream.LitePrivateSample => StableRandom.Hash(seed, a, LitePrivate, b),
        RandomStream.LiteTestSample => StableRandom.Hash(seed, a, LitePrivate + 1, b),
        RandomStream.LiteRegion => StableRandom.Hash(seed, 0x117e_0000L + a, 0),
        RandomStream.DistillSubset => StableRandom.Hash(seed, a, 0),
        RandomStream.DistillBatches => StableRandom.Hash(seed, a, 1),
        RandomStream.DistillEncoders => StableRandom.Hash(seed, a, 2, b),
        RandomStream.Workload => StableRandom.Hash(StableRandom.Hash(seed, (long)stream), a),
        _ => throw new ArgumentOutOfRangeException(nameof(stream), stream, "a stream without a derivation: add one here"),
    };

    /// <summary>A uniform double in [0, 1) of the stream at (<paramref name="seed"/>, keys).</summary>
    public static double Unit(this RandomStream stream, ulong seed, long a = 0, long b = 0, long c = 0) => StableRandom.Unit(stream.Key(seed, a, b, c));

    /// <summary>A seeded <see cref="System.Random"/> for a stream whose draws are taken in sequence (an entity's own order).</summary>
    public static System.Random Random(this RandomStream stream, ulong seed, long a = 0, long b = 0) => new((int)(stream.Key(seed, a, b) & 0x7fffffff));

    /// <summary>A seeded xoshiro256** generator, whose sequence is fixed by the algorithm.</summary>
    public static Xoshiro256 Generator(this RandomStream stream, ulong seed, long a = 0, long b = 0) => new(stream.Key(seed, a, b));
}
