using MaLAM4Com.Actors;
using MaLAM4Com.Actors.Methods;
using MaLAM4Com.Cli.Config;
using MaLAM4Com.Cli.Scenarios;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Tests.Protocol;

/// <summary>The round protocol end to end on the kernel, with a scripted back-end whose knowledge is known.</summary>
public sealed class RoundProtocolTests
{
    private sealed class Capture : ITraceSink
    {
        public List<TraceRecord> Records { get; } = new();

        public void Write(in TraceRecord record) => Records.Add(record);

        public void Complete()
        {
        }

        public void Dispose()
        {
        }
    }

    private static (List<TraceRecord> Records, Topology Topology, ScriptedBackend Backend) Run(string method, params string[] sets)
    {
        var settings = SettingsLoader.Load(null, [
            "scenario.edges=2", "scenario.agents-per-edge=2", "scenario.regions=2", "scenario.rounds=3",
            "scenario.late-join.agents=0", "scenario.learning.distillation-workers=1", "scenario.cooperation.dimensions=[4,8]",
            "scenario.cooperation.bits=[32]", "scenario.cooperation.byte-budget=1000000", "scenario.cooperation.energy-budget-mj=1000000",
            "scenario.learning.staleness-discount=0", "scenario.learning.teacher-share=0.5", "scenario.learning.elastic-teacher=false",
            "faults.loss.model=none", "faults.link-down=[]", "kernel.partitions=2", $"scenario.learning.method={method}", .. sets]);
        var backend = new ScriptedBackend();
        var topology = CooperationScenario.Build(settings.Scenario, backend);
        var capture = new Capture();
        SimulationKernel.Run(settings.Kernel with { EndTimeUs = settings.Scenario.DurationUs + settings.Scenario.RoundPeriodUs },
            topology, CooperationScenario.LinkModel(settings), FaultPlanBuilder.Build(settings.Faults, topology, settings.Seed), capture);
        return (capture.Records, topology, backend);
    }

    private static string Name(Topology t, int id) => t.Names[id];

    [Fact]
    public void OneRoundFollowsTheProtocolFromAnchorsToGlobalKnowledge()
    {
        var (records, topology, backend) = Run(MaLAM4ComMethod.Id);
        var sends = records.Where(r => r.Kind == TraceKind.Send).Select(r => (r.TimeUs, From: Name(topology, r.From), To: Name(topology, r.To), r.Type, r.Round, r.Bytes)).ToList();
        // Setup: the cloud has each region distilled, hands the anchors to the edges, the edges to the agents that asked.
        Assert.Contains(sends, s => s is { From: "cloud", To: "worker-0", Type: "DistillJob" });
        Assert.Contains(sends, s => s is { From: "worker-0", To: "cloud", Type: "EliteSet" });
        Assert.Contains(sends, s => s is { From: "cloud", To: "edge-0", Type: "AnchorSet" });
        Assert.Contains(sends, s => s is { From: "agent-0", To: "edge-0", Type: "JoinRequest" });
        Assert.Contains(sends, s => s is { From: "edge-0", To: "agent-0", Type: "AnchorSet" });
        // Round 1 of agent-0: report at the round's start, edge aggregate at the edge deadline, cloud merge at
        // the cloud deadline, then its region's block relayed by its edge, all before round 2 starts.
        var round1 = sends.Where(s => s.Round == 1 && s.Type is "KnowledgeReport" or "EdgeAggregate" or "GlobalKnowledge").ToList();
        var sequence = round1.Where(s => s.From == "agent-0" || s.To == "agent-0" || s.From == "edge-0" && s.To == "cloud" || s.From == "cloud" && s.To == "edge-0")
            .Select(s => (s.TimeUs, s.From, s.To, s.Type)).ToList();
        Assert.Equal([
            (1_000_000L, "agent-0", "edge-0", "KnowledgeReport"),
            (1_300_000L, "edge-0", "cloud", "EdgeAggregate"),
            (1_600_000L, "cloud", "edge-0", "GlobalKnowledge"),
        ], sequence.Take(3));
        var relay = sequence.Single(s => s.To == "agent-0" && s.Type == "GlobalKnowledge");
        Assert.InRange(relay.TimeUs, 1_600_001L, 1_999_999L);
        // Every agent shared the full 8 dimensions at 32 bits: 2 anchor values x 8 x 4 bytes + header.
        Assert.All(round1.Where(s => s.Type == "KnowledgeReport"), s => Assert.Equal(2 * 8 * 4 + 16, s.Bytes));
        Assert.Equal(4, round1.Count(s => s.Type == "KnowledgeReport"));
        // Agents 0 and 2 are in region 1 (weights 10 and 30: (10 x 1 + 30 x 3) / 40 = 2.5), blended half and half with the teacher's 100.
        var agent0 = backend.Learners.Single(l => l.Agent == 0);
        Assert.Equal(51.25f, agent0.Absorbed[^1][0], 4);
        Assert.Equal(3, agent0.RoundsTrained);
        Assert.Equal(1, agent0.Anchors[0]);
    }

    [Fact]
    public void LocalAgentsNeverShareAndFedAvgAveragesOneGlobalBlock()
    {
        var (local, _, localBackend) = Run(LocalMethod.Id);
        Assert.DoesNotContain(local, r => r.Kind == TraceKind.Send && r.Type is "KnowledgeReport" or "JoinRequest" or "DistillJob");
        Assert.All(localBackend.Learners, l => Assert.Empty(l.Absorbed));

        var (fedavg, _, fedBackend) = Run(FedAvgMethod.Id);
        Assert.DoesNotContain(fedavg, r => r.Kind == TraceKind.Send && r.Type is "AnchorSet" or "DistillJob");
        // All four agents' weights (samples 10..40, values 1..4): (10 + 40 + 90 + 160) / 100 = 3, with no teacher.
        Assert.All(fedBackend.Learners, l => Assert.Equal(3f, l.Absorbed[^1][0], 4));
    }

    [Fact]
    public void LateJoinersHearNothingBeforeTheirRoundAndTheLastRoundCoversEveryAgent()
    {
        // One agent of each edge (agent-1 and agent-3) joins in round 2, the last of 3.
        var (records, topology, backend) = Run(MaLAM4ComMethod.Id, "scenario.late-join.agents=0.5", "scenario.late-join.round=2");
        string[] late = ["agent-1", "agent-3"];
        var toLate = records.Where(r => r.Kind == TraceKind.Send && late.Contains(Name(topology, r.To))).ToList();
        Assert.All(toLate, r => Assert.True(r.TimeUs >= 2_000_000, $"{r.Type} to {Name(topology, r.To)} at {r.TimeUs}us, before it joined"));
        Assert.Contains(toLate, r => r.Type == "GlobalKnowledge" && r.Round == 2);
        Assert.All(backend.Learners.Where(l => l.Agent is 1 or 3), l => Assert.Equal((1, 1), (l.RoundsTrained, l.Absorbed.Count)));
        var nmse = records.Where(r => r.Kind == TraceKind.Metric && r.Name == CooperationMetrics.Nmse.Name).ToList();
        Assert.Equal(2, nmse.Max(r => r.Round));
        Assert.Equal(["agent-0", "agent-1", "agent-2", "agent-3"], nmse.Where(r => r.Round == 2).Select(r => Name(topology, r.From)).Order());
    }

    [Theory]
    [InlineData(0.0, 1f)]
    [InlineData(0.5, 100f)]
    public void AnAgentCutOffMidRoundContributesNothingAndTheEdgeRenormalises(double teacherShare, float loneReport)
    {
        // agent-2 (region 1, weight 30) cannot reach its edge during round 1: region 1's block is then agent-0's knowledge alone.
        var (records, topology, backend) = Run(MaLAM4ComMethod.Id, "faults.link-down=[{ link = \"agent-2<->edge-1\", from = 900ms, to = 1100ms }]",
            $"scenario.learning.teacher-share={teacherShare}");
        Assert.Contains(records, r => r.Kind == TraceKind.Drop && Name(topology, r.From) == "agent-2" && r.Type == "KnowledgeReport" && r.Round == 1);
        var agent0 = backend.Learners.Single(l => l.Agent == 0);
        // Round 1's global knowledge for region 1 (after the teacher's alone before any report, when there is a teacher): edges
        // saw only agent-0 (value 1). Without a teacher that is the block; with one, the lone report is not blended with it
        // (it would come back to agent-0 as its own echo): the teacher's 100 alone.
        int round1 = teacherShare > 0 ? 1 : 0;
        Assert.Equal(loneReport, agent0.Absorbed[round1][0], 4);
        // Round 2 has both reports again: (10 x 1 + 30 x 3) / 40 = 2.5, blended with the teacher at its share.
        Assert.Equal((float)((1 - teacherShare) * 2.5 + teacherShare * 100), agent0.Absorbed[round1 + 1][0], 4);
    }
}
