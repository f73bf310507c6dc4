using MaLAM4Com.Engine.Randomness;

namespace MaLAM4Com.Engine.Tests.Randomness;

public sealed class RandomStreamTests
{
    [Fact]
    public void NoTwoStreamsGiveTheSameNumbers()
    {
        // Every stream's values over a grid of keys, for two seeds: a value two streams share is a collision.
        var owner = new Dictionary<ulong, (RandomStream Stream, long A, long B, long C)>();
        foreach (ulong seed in new ulong[] { 0, 42 })
        {
            foreach (var stream in Enum.GetValues<RandomStream>())
            {
                for (long a = 0; a < 64; a++)
                {
                    for (long b = 0; b < 8; b++)
                    {
                        for (long c = 0; c < 4; c++)
                        {
                            ulong value = stream.Key(seed, a, b, c) ^ seed;
                            if (owner.TryGetValue(value, out var other) && other.Stream != stream)
                                Assert.Fail($"{stream}({a}, {b}, {c}) and {other.Stream}({other.A}, {other.B}, {other.C}) give the same number");
                            owner[value] = (stream, a, b, c);
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void EveryStreamHasADerivationAndAValueOfItsOwn()
    {
        var streams = Enum.GetValues<RandomStream>();
        Assert.Equal(streams.Length, streams.Select(s => (int)s).Distinct().Count());
        Assert.All(streams, s => Assert.NotEqual(s.Key(1, 2, 3), s.Key(2, 2, 3)));
    }

    [Fact]
    public void DrawsArePureFunctionsOfSeedAndKeys()
    {
        Assert.Equal(RandomStream.Loss.Unit(7, 123), RandomStream.Loss.Unit(7, 123));
        Assert.InRange(RandomStream.Loss.Unit(7, 123), 0, 1);
        Assert.Equal(RandomStream.Workload.Random(7, 3).Next(), RandomStream.Workload.Random(7, 3).Next());
        var generator = RandomStream.ChannelSample.Generator(7, 1, 2);
        var again = RandomStream.ChannelSample.Generator(7, 1, 2);
        Assert.Equal(generator.NextUInt64(), again.NextUInt64());
    }
}
