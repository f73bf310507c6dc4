using MaLAM4Com.Engine.Kernel;

namespace MaLAM4Com.Engine.Tests.Kernel;

public sealed class PartitionMapTests
{
    [Fact]
    public void WithoutGroupsEachPartitionOwnsAnEqualRangeOfIndices()
    {
        var map = new PartitionMap(10, 3);
        Assert.Equal([[0, 1, 2], [3, 4, 5], [6, 7, 8, 9]], Enumerable.Range(0, 3).Select(p => map.Entities(p).ToArray()));
        for (int e = 0; e < 10; e++)
            Assert.Equal(e, map.Entities(map.Owner(e))[map.Local(e)]);
    }

    [Fact]
    public void AGroupStaysInOnePartitionUnlessACutFallsInsideIt()
    {
        // A cloud (0), three edges (1-3) and four agents per edge (4-15), each agent in its edge's group.
        static int Group(int e) => e >= 4 ? 1 + (e - 4) / 4 : e;
        var map = new PartitionMap(16, 2, Group);
        Assert.Equal([0, 1, 2, 4, 5, 6, 7, 8], map.Entities(0));
        Assert.Equal([3, 9, 10, 11, 12, 13, 14, 15], map.Entities(1));
        // Edge 1 and edge 3 live with all their agents; the cut falls inside edge 2's group.
        Assert.All(new[] { 1, 4, 5, 6, 7 }, e => Assert.Equal(0, map.Owner(e)));
        Assert.All(new[] { 3, 12, 13, 14, 15 }, e => Assert.Equal(1, map.Owner(e)));
        for (int e = 0; e < 16; e++)
            Assert.Equal(e, map.Entities(map.Owner(e))[map.Local(e)]);
    }

    [Fact]
    public void BadInputsAreRefusedWithTheReason()
    {
        Assert.Contains("between 1 and the entity count (3)", Assert.Throws<ArgumentOutOfRangeException>(() => new PartitionMap(3, 4)).Message);
        Assert.Contains("entity 2 has placement group -1", Assert.Throws<ArgumentException>(() => new PartitionMap(3, 1, e => e == 2 ? -1 : 0)).Message);
    }
}
