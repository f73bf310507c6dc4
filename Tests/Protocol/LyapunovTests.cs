using MaLAM4Com.Actors.Domain;

namespace MaLAM4Com.Tests.Protocol;

public sealed class LyapunovTests
{
    [Fact]
    public void TheQueueGrowsByCostMinusBudgetAndNeverGoesNegative()
    {
        var q = new LyapunovQueue(budget: 10);
        Assert.Equal(5, q.Update(15));   // max(0 + 15 - 10, 0)
        Assert.Equal(3, q.Update(8));    // max(5 + 8 - 10, 0)
        Assert.Equal(0, q.Update(0));    // max(3 + 0 - 10, 0)
        Assert.Equal(12, q.Update(22));
        Assert.Equal((4L, 45.0, 11.25), (q.Rounds, q.TotalCost, q.AverageCost));
        Assert.Throws<ArgumentOutOfRangeException>(() => q.Update(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LyapunovQueue(double.NaN));
    }

    private static readonly CooperationAction Skip = new("skip", 0, 0, Costs: [0, 0]);
    private static readonly CooperationAction Small = new("d32", 32, 8, Costs: [1_024, 2]);
    private static readonly CooperationAction Full = new("d128", 128, 32, Costs: [16_384, 30]);
    private static readonly CooperationAction[] Actions = [Skip, Small, Full];

    private static double Penalty(CooperationAction a) => a == Skip ? 1.0 : a == Small ? 0.4 : 0.1;

    private static readonly double[] Penalties = [.. Actions.Select(Penalty)];

    [Fact]
    public void WithEmptyQueuesTheLeastPenaltyWins()
    {
        var queues = new[] { new LyapunovQueue(2_000), new LyapunovQueue(5) };
        Assert.Same(Full, DriftPlusPenalty.Choose(Actions, Penalties, v: 1, queues));
        Assert.Contains("2 penalties for 3 actions", Assert.Throws<ArgumentException>(() => DriftPlusPenalty.Choose(Actions, Penalties.AsSpan(0, 2), 1, queues)).Message);
    }

    [Fact]
    public void BacklogTradesAccuracyForBudgetByHandComputedScores()
    {
        // Q = (0.001, 0.01), V = 100: skip 100, d32 = 40 + 1.024 + 0.02 = 41.044, d128 = 10 + 16.384 + 0.3 = 26.684.
        var light = new[] { new LyapunovQueue(0, 0.001), new LyapunovQueue(0, 0.01) };
        Assert.Equal(41.044, DriftPlusPenalty.Score(Small, Penalty(Small), 100, light), 9);
        Assert.Same(Full, DriftPlusPenalty.Choose(Actions, Penalties, 100, light));
        // Q = (0.05, 1): skip 100, d32 = 40 + 51.2 + 2 = 93.2, d128 = 10 + 819.2 + 30 = 859.2.
        var heavy = new[] { new LyapunovQueue(0, 0.05), new LyapunovQueue(0, 1) };
        Assert.Same(Small, DriftPlusPenalty.Choose(Actions, Penalties, 100, heavy));
        // Q = (1, 1): sharing anything costs more than the skip's penalty.
        var full = new[] { new LyapunovQueue(0, 1), new LyapunovQueue(0, 1) };
        Assert.Same(Skip, DriftPlusPenalty.Choose(Actions, Penalties, 100, full));
    }

    [Theory]
    [InlineData(10.0)]
    [InlineData(1_000.0)]
    [InlineData(100_000.0)]
    public void TheLongRunAverageCostMeetsTheBudgetForEveryV(double v)
    {
        var queues = new[] { new LyapunovQueue(budget: 4_000), new LyapunovQueue(budget: 8) };
        double penalty = 0;
        const int rounds = 20_000;
        for (int t = 0; t < rounds; t++)
        {
            var a = DriftPlusPenalty.Choose(Actions, Penalties, v, queues);
            penalty += Penalty(a);
            queues[0].Update(a.Costs[0]);
            queues[1].Update(a.Costs[1]);
        }
        Assert.InRange(queues[0].AverageCost, 0, 4_000 * 1.05);
        Assert.InRange(queues[1].AverageCost, 0, 8 * 1.05);
        // The budget is binding, so spending sits close to it rather than far below.
        Assert.InRange(queues[0].AverageCost, 4_000 * 0.5, 4_000 * 1.05);
        Assert.True(penalty / rounds < Penalty(Skip));
    }

    [Fact]
    public void ThePolicyPricesEachActionByHand()
    {
        var policy = new CooperationPolicy(100, Anchors: 32, Dimensions: [64, 128], Bits: [8, 32], ByteBudget: 8192, EnergyBudgetMj: 4, TxEnergyMjPerKb: 0.25, ComputeEnergyMjPerDimension: 0.01);
        var actions = policy.Actions;
        Assert.Same(actions, policy.Actions);
        Assert.Equal(["skip", "d64-b8", "d64-b32", "d128-b8", "d128-b32"], actions.Select(a => a.Name));
        var a = actions[1];
        // 32 anchors x 64 values x 1 byte; 2 KB x 0.25 mJ + 64 x 0.01 mJ.
        Assert.Equal(2048, a.Costs[0]);
        Assert.Equal(1.14, a.Costs[1], 12);
        Assert.Equal([0.0, 0.0], actions[0].Costs);
        Assert.Equal([8192.0, 4.0], policy.Queues().Select(q => q.Budget));
    }

    [Fact]
    public void AChangedCopyOfAPolicyBuildsItsOwnActions()
    {
        var policy = new CooperationPolicy(100, 32, [32, 64, 128], [8, 32], 8192, 4, 0.25, 0.01);
        Assert.Equal(7, policy.Actions.Count);
        var narrower = policy with { Dimensions = [16] };
        Assert.Equal(["skip", "d16-b8", "d16-b32"], narrower.Actions.Select(a => a.Name));
        // 32 anchors x 16 dimensions x 8 bits = 512 bytes; 0.5 KB x 0.25 mJ/KB + 16 x 0.01 mJ.
        Assert.Equal([512.0, 0.285], narrower.Actions[1].Costs.Select(c => Math.Round(c, 6)));
        Assert.Equal(7, policy.Actions.Count);
    }
}
