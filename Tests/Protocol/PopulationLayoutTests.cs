using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Engine.Kernel;

namespace MaLAM4Com.Tests.Protocol;

public sealed class PopulationLayoutTests
{
    [Fact]
    public void PartitionsKeepAnEdgeWithItsAgentsSoFewMessagesCrossThem()
    {
        var layout = new PopulationLayout(Edges: 6, AgentsPerEdge: 50, Workers: 2);
        foreach (int partitions in new[] { 2, 3, 4 })
        {
            var map = new PartitionMap(layout.Count, partitions, layout.PlacementGroup);
            int crossing = Enumerable.Range(0, layout.Agents).Count(a => map.Owner(layout.Agent(a)) != map.Owner(layout.EdgeOfAgent(a)));
            // Only the groups a cut falls inside are split: at most partitions - 1 edges' agents.
            Assert.True(crossing <= (partitions - 1) * layout.AgentsPerEdge, $"{crossing} of {layout.Agents} agents live apart from their edge on {partitions} partitions");
            var sizes = Enumerable.Range(0, partitions).Select(p => map.Entities(p).Count).ToList();
            Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(", ", sizes));
        }
    }
}
