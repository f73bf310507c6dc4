using System.Collections.Immutable;
using System.Runtime.InteropServices;
using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Actors.Protocol;

namespace MaLAM4Com.Tests.Protocol;

public sealed class KnowledgeAggregationTests
{
    [Fact]
    public void TheAverageIsWeightedAndRenormalisedPerCoordinate()
    {
        // Weights 1 and 3; the second vector lacks coordinate 2, so that one is the first vector's alone.
        var mean = KnowledgeAverage.Of([(1.0, [4f, 8f, 5f]), (3.0, [0f, 4f])]);
        Assert.Equal([1f, 5f, 5f], mean.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => KnowledgeAverage.Of([(0.0, [1f])]));
    }

    [Fact]
    public void MixedDimensionsAverageEachAnchorsLeadingCoordinates()
    {
        // Two anchors: one agent shared 2 dimensions per anchor, the other only the first.
        var (mean, dimension) = KnowledgeAverage.Of([(1.0, [1f, 2f, 3f, 4f], 2), (1.0, [10f, 30f], 1)]);
        Assert.Equal(2, dimension);
        Assert.Equal([5.5f, 2f, 16.5f, 4f], mean.ToArray());
        Assert.Throws<ArgumentException>(() => KnowledgeAverage.Of([(1.0, [1f, 2f, 3f, 4f], 2), (1.0, [10f, 30f, 50f], 1)]));
        var book = new EdgeKnowledgeBook(agents: 2, quorum: 0.5, stalenessDiscount: 0, maxStaleness: 0);
        book.Add(0, 10, 1, 100, [1f, 2f, 3f, 4f], dimension: 2);
        book.Add(0, 11, 1, 100, [10f, 30f], dimension: 1);
        var block = book.Close(0).Blocks.Single();
        Assert.Equal((2, 2), (block.Dimension, block.Width));
        Assert.Equal([5.5f, 2f, 16.5f, 4f], block.Values.ToArray());
        // The teacher fills the second coordinate of each anchor and blends into the first.
        var merged = GlobalKnowledgeMerge.Merge([new KnowledgeBlock(1, 100, [2f, 4f], 1, Count: 2)], new Dictionary<int, ImmutableArray<float>> { [1] = [0f, 8f, 0f, 9f] }, new TeacherWeighting(0.5, false)).Single();
        Assert.Equal([1f, 8f, 2f, 9f], merged.Values.ToArray());
    }

    [Fact]
    public void TheEdgeAveragesFreshReportsPerRegionAndCountsDuplicatesAndLateOnes()
    {
        var book = new EdgeKnowledgeBook(agents: 4, quorum: 0.5, stalenessDiscount: 0, maxStaleness: 0);
        Assert.Equal(ReportOutcome.Accepted, book.Add(0, 10, region: 1, samples: 100, [1f, 1f]));
        Assert.Equal(ReportOutcome.Accepted, book.Add(0, 11, region: 1, samples: 300, [5f, 9f]));
        Assert.Equal(ReportOutcome.Duplicate, book.Add(0, 11, region: 1, samples: 300, [100f, 100f]));
        Assert.Equal(ReportOutcome.Accepted, book.Add(0, 12, region: 2, samples: 50, [7f]));
        var close = book.Close(0);
        Assert.True(close.QuorumMet);
        Assert.Equal((3, 0, 450L), (close.Fresh, close.Stale, close.Samples));
        Assert.Equal([1, 2], close.Blocks.Select(b => b.Region));
        Assert.Equal([4f, 7f], close.Blocks[0].Values.ToArray());   // (100 * 1 + 300 * 5) / 400, (100 + 2700) / 400
        Assert.Equal(400, close.Blocks[0].Weight);
        Assert.Equal(ReportOutcome.Late, book.Add(0, 13, region: 2, samples: 50, [1f]));
        Assert.Equal((1, 1), (book.LateReports, book.DuplicateReports));
    }

    [Fact]
    public void BelowTheQuorumTheEdgeSkipsTheRound()
    {
        var book = new EdgeKnowledgeBook(agents: 4, quorum: 0.75, stalenessDiscount: 0.5, maxStaleness: 3);
        book.Add(0, 10, 1, 100, [1f]);
        book.Add(0, 11, 1, 100, [1f]);
        var close = book.Close(0);
        Assert.False(close.QuorumMet);
        Assert.Empty(close.Blocks);
        Assert.False(book.Close(1).QuorumMet);
    }

    [Theory]
    [InlineData(0.5, 3, true)]
    [InlineData(0.5, 1, false)]
    [InlineData(0, 3, false)]
    public void TheQuorumCountsTheAgentsWhoseLastKnowledgeStillCounts(double discount, int maxStaleness, bool met)
    {
        var book = new EdgeKnowledgeBook(agents: 4, quorum: 0.75, stalenessDiscount: discount, maxStaleness: maxStaleness);
        book.Add(0, 10, 1, 100, [1f]);
        book.Add(0, 11, 1, 100, [1f]);
        Assert.False(book.Close(0).QuorumMet);
        // One fresh report, and agents 10 and 11 two rounds stale: three of four, where their knowledge still counts.
        book.Add(2, 12, 1, 100, [4f]);
        var close = book.Close(2);
        Assert.Equal((met, 1), (close.QuorumMet, close.Fresh));
        if (met)
        {
            Assert.Equal(2, close.Stale);
            Assert.Equal(3f, close.Blocks.Single().Values[0], 5);   // (100 * 4 + 2 * 25 * 1) / 150
        }
        else
            Assert.Empty(close.Blocks);
    }

    [Fact]
    public void AMissingAgentCountsWithItsLastKnowledgeDiscountedByAge()
    {
        var book = new EdgeKnowledgeBook(agents: 2, quorum: 0.5, stalenessDiscount: 0.5, maxStaleness: 1);
        book.Add(0, 10, 1, 100, [0f]);
        book.Add(0, 11, 1, 100, [8f]);
        book.Close(0);
        book.Add(1, 10, 1, 100, [2f]);
        var one = book.Close(1);
        // Agent 11 is one round stale: weight 100 * 0.5 against agent 10's fresh 100.
        Assert.Equal((1, 1), (one.Fresh, one.Stale));
        Assert.Equal(4f, one.Blocks.Single().Values[0], 5);   // (100 * 2 + 50 * 8) / 150
        book.Add(2, 10, 1, 100, [2f]);
        var two = book.Close(2);
        Assert.Equal(0, two.Stale);   // two rounds old: past max-staleness
        Assert.Equal(2f, two.Blocks.Single().Values[0]);
    }

    [Fact]
    public void TheCloudBlendsEdgesWithTheTeacherAndFillsWhatEdgesLack()
    {
        var edges = new[] { new KnowledgeBlock(1, 100, [2f]), new KnowledgeBlock(1, 300, [6f]) };
        var teacher = new Dictionary<int, ImmutableArray<float>> { [1] = [0f, 10f], [2] = [3f, 3f] };
        var merged = GlobalKnowledgeMerge.Merge(edges, teacher, new TeacherWeighting(0.25, false));
        Assert.Equal([1, 2], merged.Select(b => b.Region));
        // Edges: (200 + 1800) / 400 = 5; blended 0.75 * 5 + 0.25 * 0; the second coordinate only the teacher has.
        Assert.Equal(3.75f, merged[0].Values[0], 5);
        Assert.Equal(10f, merged[0].Values[1]);
        Assert.Equal([3f, 3f], merged[1].Values.ToArray());
        // Region 2 is the teacher's alone: it holds no report, which agents' consensus must know.
        Assert.Equal((2, 0), (merged[0].Count, merged[1].Count));
        Assert.Equal(0, GlobalKnowledgeMerge.Merge(edges, teacher, new TeacherWeighting(1, false))[0].Count);
        Assert.Equal([5f], GlobalKnowledgeMerge.Merge(edges, teacher, new TeacherWeighting(0, false)).Single().Values.ToArray());
    }

    [Fact]
    public void ARegionsLoneReportGivesWayToTheTeacher()
    {
        var teacher = new Dictionary<int, ImmutableArray<float>> { [1] = [0f, 10f] };
        var lone = new[] { new KnowledgeBlock(1, 100, [2f, 4f]) };
        // Blended, it would come back to its reporter as its own echo: the teacher goes alone, counting no report.
        var merged = GlobalKnowledgeMerge.Merge(lone, teacher, new TeacherWeighting(0.5, false)).Single();
        Assert.Equal([0f, 10f], merged.Values.ToArray());
        Assert.Equal(0, merged.Count);
        Assert.False(merged.IsConsensus);
        // Two edges' lone reports of one region are two reports: blended as any pair.
        var pair = GlobalKnowledgeMerge.Merge([lone[0], new KnowledgeBlock(1, 100, [6f, 8f])], teacher, new TeacherWeighting(0.5, false)).Single();
        Assert.Equal([2f, 8f], pair.Values.ToArray());
        Assert.Equal(2, pair.Count);
        // Without a teacher the lone report is all the region's knowledge there is.
        var alone = GlobalKnowledgeMerge.Merge(lone, teacher, new TeacherWeighting(0, false)).Single();
        Assert.Equal([2f, 4f], alone.Values.ToArray());
        Assert.Equal(1, alone.Count);
    }

    [Fact]
    public void TheCloudCountsEachSilentEdgeWithItsLastBlocksOfEachRegion()
    {
        var memory = new PeerKnowledgeMemory();
        KnowledgeBlock Block(int region, float value) => new(region, 100, [value]);
        memory.Complete([(1, [Block(1, 2f), Block(2, 7f)]), (2, [Block(1, 6f)])]);
        // Edge 1 is silent; edge 2 reports region 1 afresh and region 2 for the first time.
        var round = memory.Complete([(2, [Block(1, 4f), Block(2, 9f)])]);
        Assert.Equal([(1, 2f), (2, 7f), (1, 4f), (2, 9f)], round.Select(b => (b.Region, b.Values[0])));
        // The average over both edges, not over the one that got through: its agents' corrections balance only over all.
        Assert.Equal([3f, 8f], KnowledgeAverage.ByRegion(round).Select(b => b.Values[0]));
        // A block without weight (nobody behind it) neither counts nor replaces what the edge knew.
        Assert.Equal(2f, memory.Complete([(1, [Block(1, 5f) with { Weight = 0 }])])[0].Values[0]);
        memory.Clear();
        Assert.Empty(memory.Complete([]));
    }

    [Fact]
    public void TheElasticShareTrustsTheTeacherAsMuchAsThePeersDisagreeAmongThemselves()
    {
        // Two agents around 5 (spread 1 each), the teacher at 5 +- 3 on two anchors: variance of the average 1 / 2, distance 9 + 9.
        var reports = new[] { new KnowledgeBlock(1, 100, [4f, 6f], 1), new KnowledgeBlock(1, 100, [6f, 4f], 1) };
        var peers = KnowledgeAverage.ByRegion(reports).Single();
        Assert.Equal((2, 2.0), (peers.Count, peers.Spread));
        ImmutableArray<float> teacher = [8f, 2f];
        Assert.Equal(1.0 / 18, GlobalKnowledgeMerge.ElasticShare(peers, teacher), 12);
        var weighting = new TeacherWeighting(0.5, true);
        var merged = GlobalKnowledgeMerge.Merge(reports, new Dictionary<int, ImmutableArray<float>> { [1] = teacher }, weighting).Single();
        Assert.Equal(5 + 3.0 / 18, merged.Values[0], 5);
        Assert.Equal(1.0 / 18, weighting.For(1), 12);
        // A round with a single report gives no spread: the share learned last stands.
        GlobalKnowledgeMerge.Merge([reports[0]], new Dictionary<int, ImmutableArray<float>> { [1] = teacher }, weighting);
        Assert.Equal(1.0 / 18, weighting.For(1), 12);
        Assert.Equal(0.5, weighting.For(2));
    }

    [Theory]
    [InlineData(8, 1.0 / 127)]
    [InlineData(4, 1.0 / 7)]
    public void QuantisationErrorIsWithinHalfAStep(int bits, double step)
    {
        var values = Enumerable.Range(0, 101).Select(i => (float)Math.Sin(i)).ToArray();
        float scale = values.Max(Math.Abs);
        var q = Quantizer.Apply([.. values], bits);
        Assert.All(values.Zip(q), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, scale * step / 2 + 1e-6));
        Assert.InRange(q.Distinct().Count(), 2, (1 << bits) - 1);
        Assert.True(Quantizer.Apply(values, 32) == ImmutableCollectionsMarshal.AsImmutableArray(values), "32 bits hands the values over as they are");
    }

    [Fact]
    public void AReportsSizeFollowsItsPayloadAndBits()
    {
        var values = new float[32 * 64].ToImmutableArray();
        var report = new KnowledgeReport(0, 1, 100, SharedKnowledge.Dense(values, 64, 8));
        Assert.Equal(32 * 64 + 16, report.SizeBytes);
        Assert.Equal(32 * 64 * 4 + 16, new KnowledgeReport(0, 1, 100, SharedKnowledge.Dense(values, 64, 32)).SizeBytes);
        Assert.Equal(3 * 64 / 8 + 16, new KnowledgeReport(0, 1, 100, SharedKnowledge.Dense(values[..64], 64, 3)).SizeBytes);
    }
}
