using MaLAM4Com.Actors;
using MaLAM4Com.Actors.Protocol;
using MaLAM4Com.Channels;
using MaLAM4Com.Channels.Links;
using MaLAM4Com.Engine.Config;
using MaLAM4Com.Engine.Kernel;

namespace MaLAM4Com.Engine.Scenarios;

/// <summary>
/// The three-layer population of <c>scenario.*</c> as kernel entities: the cloud, the edge
/// coordinators and the agents, wired to the round protocol. Each agent's sample count (its
/// aggregation weight) is drawn from the run seed and its index.
/// </summary>
public static class CooperationScenario
{
    public static Topology Build(ScenarioSettings s, ulong seed)
    {
        var layout = new PopulationLayout(s.Edges, s.AgentsPerEdge);
        var schedule = new RoundSchedule(s.Rounds, s.RoundPeriodUs, s.EdgeDeadlineUs, s.CloudDeadlineUs, s.Quorum);
        var edges = layout.AllEdges.ToArray();
        var entities = new List<EntitySpec>(layout.Count);
        for (int id = 0; id < layout.Count; id++)
        {
            var (name, layer) = layout.Describe(id);
            entities.Add(layer switch
            {
                "cloud" => new EntitySpec(name, layer, i => CloudActor.Props(i, edges, schedule, s.KnowledgeBytes)),
                "edge" => new EntitySpec(name, layer, i => EdgeCoordinatorActor.Props(i, layout.Cloud, layout.AgentsOf(i - 1).ToArray(), schedule, s.KnowledgeBytes)),
                _ => new EntitySpec(name, layer, i =>
                {
                    int agent = i - 1 - s.Edges;
                    int samples = 500 + (int)(StableRandom.Hash(seed, agent, 0x5a) % 1001);
                    return AgentActor.Props(i, layout.EdgeOfAgent(agent), schedule, samples, s.Cooperation);
                }),
            });
        }
        return new Topology(entities);
    }

    /// <summary>The link model of <c>link.*</c> for this population (the radio model places agents in their regions).</summary>
    public static ILinkModel LinkModel(SimulationSettings settings)
    {
        var s = settings.Scenario;
        var layout = new PopulationLayout(s.Edges, s.AgentsPerEdge);
        var endpoints = new LinkEndpoint[layout.Count];
        if (settings.Link.Model == "radio")
        {
            var geometry = new RegionGeometry(new CsiGeneratorSettings(), settings.Seed);
            for (int id = 0; id < layout.Count; id++)
            {
                var (_, layer) = layout.Describe(id);
                endpoints[id] = layer switch
                {
                    "cloud" => LinkEndpoint.Cloud(),
                    "edge" => LinkEndpoint.Edge(new Position2D(0, 0)),
                    _ => LinkEndpoint.DeviceInRegion(geometry, s.RegionOf(id - 1 - s.Edges)),
                };
            }
        }
        return settings.Link.Create(settings.Seed, endpoints);
    }
}
