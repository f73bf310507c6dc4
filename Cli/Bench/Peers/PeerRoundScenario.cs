using MaLAM4Com.Actors;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Links;

namespace MaLAM4Com.Cli.Bench.Peers;

/// <summary>Events of one simulator on the peer round scenario.</summary>
public sealed record PeerResult(string Simulator, long Delivered, long Timers, double WallSeconds)
{
    public long Events => Delivered + Timers;

    public double EventsPerSecond => Events / WallSeconds;
}

/// <summary>Our run of the round scenario: its figures, its entities and the batches it handed them in each window.</summary>
public sealed record OurRoundRun(PeerResult Result, int Entities, IReadOnlyList<int> BatchesPerWindow);

/// <summary>
/// The round scenario that bench/peers/ implements for SimPy and ns-3, on our kernel: N agents, one edge
/// per 1000 agents (entity 0 the cloud, 1..E the edges, agents after them), R rounds of 1 s; agents report
/// (256 B) at the round start, edges send their count (1 KB) to the cloud at +300 ms, the cloud a global
/// message (1 KB) to every edge at +600 ms, which relays it to its agents. Links: 1 ms + bytes at 100 Mbit/s,
/// 5 % i.i.d. loss. Events are message deliveries plus timer firings (round starts and deadlines, the
/// first round's start included) on every side; no trace, as the peers write none.
/// </summary>
public static class PeerRoundScenario
{
    public const int AgentsPerEdge = 1000;
    public const long PeriodUs = 1_000_000;
    public const long EdgeDeadlineUs = 300_000;
    public const long CloudDeadlineUs = 600_000;

    public static OurRoundRun Run(int agents, int rounds, ulong seed, int partitions = 0, int threads = 0, Action<KernelProgress>? progress = null)
    {
        int edges = (agents + AgentsPerEdge - 1) / AgentsPerEdge;
        var specs = new List<EntitySpec>(1 + edges + agents) { new(CooperationLayers.Cloud.Name, CooperationLayers.Cloud, id => PeerCloud.Props(id, edges, rounds)) };
        for (int e = 0; e < edges; e++)
        {
            int first = 1 + edges + e * AgentsPerEdge;
            int count = Math.Min(AgentsPerEdge, agents - e * AgentsPerEdge);
            specs.Add(new EntitySpec($"{CooperationLayers.Edge}-{e}", CooperationLayers.Edge, id => PeerEdge.Props(id, 0, first, count, rounds)));
        }
        for (int a = 0; a < agents; a++)
        {
            int edge = 1 + a / AgentsPerEdge;
            specs.Add(new EntitySpec($"{CooperationLayers.Agent}-{a}", CooperationLayers.Agent, id => PeerAgent.Props(id, edge, rounds)));
        }
        var link = new FixedRateLinkModel(1_000, 100e6);
        var faults = new FaultPlan([], [], [], () => new IidLoss(seed, 0.05), []);
        var batches = new List<int>();
        long before = 0;
        void Window(KernelProgress p)
        {
            batches.Add((int)(p.Batches - before));
            before = p.Batches;
            progress?.Invoke(p);
        }
        var result = SimulationKernel.Run(new KernelSettings(partitions, threads, rounds * PeriodUs), new Topology(specs), link, faults, null, Window);
        // Every agent, edge and the cloud fire one timer per round (a round start or a deadline); none is ever lost.
        long timers = (long)rounds * (agents + edges + 1);
        return new OurRoundRun(new PeerResult("malam4com", result.Counters.Delivered, timers, result.Wall.TotalSeconds), specs.Count, batches);
    }
}
