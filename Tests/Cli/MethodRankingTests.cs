using MaLAM4Com.Cli.Experiments;

namespace MaLAM4Com.Tests.Cli;

public sealed class MethodRankingTests
{
    // Agents' NMSE around a level, with a spread that differs from agent to agent as regions do.
    private static Dictionary<int, double> Agents(double level, double noise, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 48).ToDictionary(a => a, a => level * (1 + 0.5 * (a % 4)) + noise * (random.NextDouble() - 0.5));
    }

    private static MethodRanking Rank(params (string Method, Dictionary<int, double> Agents)[] methods) =>
        new([.. methods.Select(m => (m.Method, (IReadOnlyDictionary<int, double>)m.Agents))]);

    [Fact]
    public void OrdersByTheMeanAndResolvesOnlyWhatTheAgentsSpreadAllows()
    {
        var ranking = Rank(("local", Agents(0.50, 0.02, 1)), ("malam4com", Agents(0.40, 0.02, 2)), ("fedavg", Agents(0.50, 0.02, 3)));
        Assert.Equal("malam4com", ranking.Order[0]);
        var (difference, resolved) = ranking.Compare("malam4com", "local");
        Assert.True(difference < -MethodRanking.SmallestDifferenceDb && resolved);
        // The same level under two methods: their order is the draw's, not the methods'.
        Assert.False(ranking.Compare("local", "fedavg").Resolved);
        // Every agent a thousandth lower: the paired differences resolve it, but it is no order between methods.
        var near = Rank(("a", Agents(0.50, 0.02, 1)), ("b", Agents(0.50, 0.02, 1).ToDictionary(kv => kv.Key, kv => kv.Value * 0.999)));
        Assert.True(near.Compare("b", "a").DifferenceDb < 0);
        Assert.False(near.Compare("b", "a").Resolved);
        // A difference above the least that orders, lost in the agents' spread.
        var noisy = Rank(("a", Agents(0.50, 2.0, 7)), ("b", Agents(0.52, 2.0, 8)));
        Assert.True(Math.Abs(noisy.Compare("a", "b").DifferenceDb) >= MethodRanking.SmallestDifferenceDb);
        Assert.False(noisy.Compare("a", "b").Resolved);
        Assert.StartsWith("malam4com < ", ranking.ToString());
        Assert.Contains(" ≈ ", ranking.ToString());
    }

    [Fact]
    public void RankingsAgreeUnlessAResolvedPairLiesTheOtherWayRound()
    {
        var full = Rank(("local", Agents(0.50, 0.02, 1)), ("malam4com", Agents(0.40, 0.02, 2)), ("fedavg", Agents(0.50, 0.02, 3)));
        // Lite swaps the tied pair: they agree.
        var lite = Rank(("local", Agents(0.30, 0.02, 4)), ("malam4com", Agents(0.25, 0.02, 5)), ("fedavg", Agents(0.30, 0.02, 6)));
        Assert.True(MethodRanking.Agree(full, lite));
        // Lite puts MaLAM4Com behind local, which full resolves the other way: they do not.
        var swapped = Rank(("local", Agents(0.25, 0.02, 4)), ("malam4com", Agents(0.30, 0.02, 5)), ("fedavg", Agents(0.30, 0.02, 6)));
        Assert.False(MethodRanking.Agree(full, swapped));
        Assert.False(MethodRanking.Agree(swapped, full));
    }

    [Fact]
    public void AFailedRunLeavesNothingToAgreeOn()
    {
        var full = Rank(("local", Agents(0.50, 0.02, 1)), ("malam4com", Agents(0.40, 0.02, 2)));
        var failed = Rank(("local", Agents(0.50, 0.02, 1)), ("malam4com", []));
        Assert.Equal(["local", "malam4com"], failed.Order);
        Assert.False(MethodRanking.Agree(full, failed));
    }
}
