using Akka.Actor;
using MaLAM4Com.Actors;
using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Channels;
using MaLAM4Com.Channels.Links;
using MaLAM4Com.Cli.Config;
using MaLAM4Com.Engine.Config;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Links;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Cli.Scenarios;

/// <summary>
/// The three-layer population of <c>scenario.*</c> as kernel entities: the cloud, the edge coordinators,
/// the agents and the cloud's distillation workers, wired to the round protocol over one model back-end.
/// </summary>
public static class CooperationScenario
{
    public static PopulationLayout Layout(ScenarioSettings s) => new(s.Edges, s.AgentsPerEdge, s.DistillationWorkers);

    public static Topology Build(ScenarioSettings s, ILearningBackend backend)
    {
        if (s.Cooperation.Dimensions.Max() > backend.MaxDimension)
            throw new ConfigException("malam4com.scenario.cooperation.dimensions", $"[{string.Join(", ", s.Cooperation.Dimensions)}]",
                $"the shared encoder offers at most {backend.MaxDimension} dimensions");
        var layout = Layout(s);
        var schedule = new RoundSchedule(s.Rounds, s.RoundPeriodUs, s.EdgeDeadlineUs, s.CloudDeadlineUs, s.Quorum);
        var edgeRegions = layout.AllEdges.ToDictionary(
            e => e,
            e => (IReadOnlyList<int>)layout.AgentsOf(e - 1).Select(AgentIndex).Select(s.RegionOf).Distinct().Order().ToArray());
        var cloud = new CloudSetup(schedule, s.Method, backend, edgeRegions, layout.AllWorkers.ToArray(), s.Learning.TeacherShare, s.Learning.ElasticTeacher);
        var l = s.Learning;
        Func<EdgeKnowledgeBook> newBook = () => new EdgeKnowledgeBook(s.AgentsPerEdge, s.Quorum, l.StalenessDiscount, l.MaxStaleness, s.Method.Aggregate);
        return Wire(s, layer => layer switch
        {
            _ when layer == CooperationLayers.Cloud => i => CloudActor.Props(i, cloud),
            _ when layer == CooperationLayers.Edge => i => EdgeCoordinatorActor.Props(
                i, PopulationLayout.Cloud, layout.AgentsOf(i - 1).ToDictionary(a => a, a => new EdgeAgent(s.RegionOf(AgentIndex(a)), s.JoinRoundOf(AgentIndex(a)))), schedule, newBook),
            _ when layer == CooperationLayers.Worker => i => DistillationWorkerActor.Props(i, backend),
            _ => Agent,
        });

        Props Agent(int id)
        {
            int agent = AgentIndex(id);
            return AgentActor.Props(id, new AgentSetup(agent, layout.EdgeOfAgent(agent), s.RegionOf(agent), s.JoinRoundOf(agent), schedule, s.Cooperation, s.Method, backend));
        }

        int AgentIndex(int id) => id - 1 - s.Edges;
    }

    /// <summary>
    /// The population's names, layers and links without its actors: what faults are checked against before any model is built
    /// (a LAM may take minutes to pretrain, and a misspelt name must not wait for it).
    /// </summary>
    public static Topology Shape(ScenarioSettings s) =>
        Wire(s, _ => _ => throw new InvalidOperationException("a population's shape has no actors; build it with a model back-end"));

    private static Topology Wire(ScenarioSettings s, Func<Layer, Func<int, Props>> props)
    {
        var layout = Layout(s);
        var entities = new List<EntitySpec>(layout.Count);
        for (int id = 0; id < layout.Count; id++)
        {
            var (name, layer) = layout.Describe(id);
            entities.Add(new EntitySpec(name, layer, props(layer)));
        }
        return new Topology(entities, layout.Linked, layout.PlacementGroup);
    }

    /// <summary>The link model of <c>link.*</c> for this population (the radio model places agents in their regions; workers sit with the cloud).</summary>
    public static ILinkModel LinkModel(SimulationSettings settings)
    {
        if (settings.Link.IsGeneric)
            return settings.Link.CreateGeneric(settings.Seed);
        var s = settings.Scenario;
        var layout = Layout(s);
        var geometry = new RegionGeometry(new CsiGeneratorSettings(), settings.Seed);
        var endpoints = new LinkEndpoint[layout.Count];
        for (int id = 0; id < layout.Count; id++)
        {
            var (_, layer) = layout.Describe(id);
            endpoints[id] = layer switch
            {
                _ when layer == CooperationLayers.Cloud || layer == CooperationLayers.Worker => LinkEndpoint.Cloud(),
                _ when layer == CooperationLayers.Edge => LinkEndpoint.Edge(new Position2D(0, 0)),
                _ => LinkEndpoint.DeviceInRegion(geometry, s.RegionOf(id - 1 - s.Edges)),
            };
        }
        return new RadioLinkModel(settings.Radio, endpoints, settings.Seed);
    }
}
