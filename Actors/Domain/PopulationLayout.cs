using MaLAM4Com.Engine.Entities;

namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// Where each entity of a three-layer population sits in the kernel's index space: the cloud is 0,
/// edges 1..E, agents after them (agent a belongs to edge a / agentsPerEdge), then the cloud's
/// distillation workers.
/// </summary>
public sealed record PopulationLayout(int Edges, int AgentsPerEdge, int Workers = 0)
{
    public int Agents => Edges * AgentsPerEdge;

    public int Count => 1 + Edges + Agents + Workers;

    public const int Cloud = 0;

    public static int Edge(int edge) => 1 + edge;

    public int Agent(int agent) => 1 + Edges + agent;

    public int Worker(int worker) => 1 + Edges + Agents + worker;

    public int EdgeOfAgent(int agent) => Edge(agent / AgentsPerEdge);

    public IEnumerable<int> AgentsOf(int edge) => Enumerable.Range(edge * AgentsPerEdge, AgentsPerEdge).Select(Agent);

    /// <summary>The kernel's placement group of entity <paramref name="id"/>: an agent's is its edge's index, so that an edge and its agents share a partition; every other entity is a group of its own.</summary>
    public int PlacementGroup(int id) => id >= Agent(0) && id < Worker(0) ? EdgeOfAgent(id - Agent(0)) : id;

    public IEnumerable<int> AllEdges => Enumerable.Range(0, Edges).Select(Edge);

    public IEnumerable<int> AllWorkers => Enumerable.Range(0, Workers).Select(Worker);

    /// <summary>Whether the round protocol sends from <paramref name="a"/> to <paramref name="b"/> (and back): an agent and its edge, an edge and the cloud, a worker and the cloud.</summary>
    public bool Linked(int a, int b)
    {
        if (a > b)
            (a, b) = (b, a);
        bool isEdge = b >= Edge(0) && b < Agent(0), isAgent = b >= Agent(0) && b < Worker(0);
        return a == Cloud ? isEdge || b >= Worker(0) && b < Count : isAgent && EdgeOfAgent(b - Agent(0)) == a;
    }

    /// <summary>Name and layer of the entity at kernel index <paramref name="id"/>.</summary>
    public (string Name, Layer Layer) Describe(int id) =>
        id == Cloud ? (CooperationLayers.Cloud.Name, CooperationLayers.Cloud)
        : id <= Edges ? (Named(CooperationLayers.Edge, id - 1), CooperationLayers.Edge)
        : id <= Edges + Agents ? (Named(CooperationLayers.Agent, id - 1 - Edges), CooperationLayers.Agent)
        : (Named(CooperationLayers.Worker, id - 1 - Edges - Agents), CooperationLayers.Worker);

    private static string Named(Layer layer, int index) => $"{layer.Name}-{index}";
}
