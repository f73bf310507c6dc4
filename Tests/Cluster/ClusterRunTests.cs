using System.Security.Cryptography;
using MaLAM4Com.Cli.Scenarios;
using MaLAM4Com.Engine.Cluster;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Tracing;
using Xunit.Abstractions;

namespace MaLAM4Com.Tests.Cluster;

/// <summary>The default scenario, small, on an in-process cluster of three members on loopback ports.</summary>
public sealed class ClusterRunTests(ITestOutputHelper output) : IDisposable
{
    // Generous: on two loaded cores a healthy member must not be taken for a crashed one.
    private static readonly ClusterTimings Patient = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));
    // Quick to give up on the member the test kills.
    private static readonly ClusterTimings Quick = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));

    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-cluster-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RunSpec Spec(string name, int rounds, params string[] faults) => new(name, CooperationRun.Scenario, "",
        // Three regions, not the default twelve: every member builds the regions when it hosts, and this tests the
        // cluster, not the regions.
        ["seed=11", "scenario.learning.fidelity=lite", "scenario.regions=3", "scenario.edges=3", "scenario.agents-per-edge=5", $"scenario.rounds={rounds}", "faults.loss.iid-rate=0.1"],
        faults, Path.Combine(_dir, name, "trace.jsonl"));

    private static RunSpec WithoutRecovery(RunSpec spec) => spec with { Overrides = [.. spec.Overrides, "kernel.recovery=off"] };

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ThreeMembersWriteTheSameTraceAsOneProcess(bool recovery)
    {
        var spec = Spec("cluster", 4, "crash:agent-3@1500ms-2500ms:restore");
        if (!recovery)
            spec = WithoutRecovery(spec);
        var inputs = CooperationRun.Build(spec);
        Assert.Equal(recovery, inputs.Recovery);
        var single = Path.Combine(_dir, "single.jsonl");
        RunResult alone;
        using (var writer = new JsonLinesTraceWriter(single, inputs.Topology.Names))
            alone = SimulationKernel.Run(new KernelSettings(2, 0, inputs.EndTimeUs), inputs.Topology, inputs.Link, inputs.Faults, writer);

        using var cluster = new LocalCluster(3, Patient, CooperationRun.Build);
        // Four partitions: one member hosts two, so exchanges go both within a member and between members.
        var run = ClusterRun.Run(cluster.Driver, spec, inputs, members: 3, partitions: 4, Patient);

        Assert.Equal(4, run.Partitions);
        Assert.Equal(3, run.Incarnations.Select(i => i.Member).Distinct().Count());
        Assert.Empty(run.Result.Outages);
        Assert.Equal(inputs.Topology.Count, run.Result.Entities);
        Assert.Equal((alone.Counters.Sent, alone.Counters.Delivered, alone.Counters.Dropped, alone.Counters.Batches), (run.Result.Counters.Sent, run.Result.Counters.Delivered, run.Result.Counters.Dropped, run.Result.Counters.Batches));
        var lines = File.ReadAllLines(run.Trace!);
        Assert.True(lines.Length > 200, $"only {lines.Length} trace lines");
        Assert.Contains(lines, l => l.Contains("\"crashed\""));
        Assert.Equal(Hash(single), Hash(run.Trace!));
        var audit = TraceAudit.Of(run.Trace!);
        audit.AssertAccountsFor();
        Assert.Equal((audit.Sends, audit.Deliveries, audit.Drops), (run.Result.Counters.Sent, run.Result.Counters.Delivered, run.Result.Counters.Dropped));
        // Each partition says how long it worked, within the run's wall, and on a cluster on which member.
        Assert.Equal([0, 1], alone.Partitions.Select(p => p.Partition));
        Assert.All(alone.Partitions, p => Assert.Null(p.Member));
        Assert.Equal([0, 1, 2, 3], run.Result.Partitions.Select(p => p.Partition));
        Assert.Equal(run.Result.Partitions.Select(p => run.Incarnations.Last(i => i.Partition == p.Partition).Member.ToString()), run.Result.Partitions.Select(p => p.Member));
        foreach (var (result, partition) in alone.Partitions.Select(p => (alone, p)).Concat(run.Result.Partitions.Select(p => (run.Result, p))))
        {
            Assert.NotNull(partition.BusySeconds);
            Assert.InRange(partition.BusySeconds.Value, 1e-6, result.Wall.TotalSeconds);
        }
    }

    [Fact]
    public void WithoutRecoveryAMemberCutOffMidRunFailsTheRunNamingTheKey()
    {
        var spec = WithoutRecovery(Spec("unkept", 6));
        var inputs = CooperationRun.Build(spec);
        using var cluster = new LocalCluster(3, Quick, CooperationRun.Build, isolatable: true);
        bool killed = false;
        var e = Assert.Throws<SimulationFailedException>(() => ClusterRun.Run(cluster.Driver, spec, inputs, members: 3, partitions: 0, Quick, progress: p =>
        {
            if (!killed && p.SimulatedUs >= 2_000_000)
            {
                killed = true;
                cluster.Isolate(2);
            }
        }));

        Assert.True(killed);
        Assert.Contains("kernel.recovery is off", e.Message);
        Assert.Contains(Akka.Cluster.Cluster.Get(cluster.Members[2]).SelfAddress.ToString(), e.Message);
    }

    [Fact]
    public void AMemberCutOffMidRunIsReplacedAndTheRunCompletesWithEveryAgent()
    {
        const int rounds = 6;
        var spec = Spec("killed", rounds);
        var inputs = CooperationRun.Build(spec);
        using var cluster = new LocalCluster(3, Quick, CooperationRun.Build, isolatable: true);
        bool killed = false;
        // At round 2 a member that hosts a partition drops off the network.
        var run = ClusterRun.Run(cluster.Driver, spec, inputs, members: 3, partitions: 0, Quick, progress: p =>
        {
            if (!killed && p.SimulatedUs >= 2_000_000)
            {
                killed = true;
                cluster.Isolate(2);
            }
        });

        Assert.True(killed);
        var outage = Assert.Single(run.Result.Outages);
        Assert.Contains("lost with member", outage);
        Assert.Equal(inputs.Topology.Count, run.Result.Entities);
        var lost = Assert.Single(run.Incarnations, i => i.Lost);
        Assert.Equal(Akka.Cluster.Cluster.Get(cluster.Members[2]).SelfAddress, lost.Member);
        Assert.Contains(run.Incarnations, i => i.Partition == lost.Partition && i.Epoch == 1 && !i.Lost);

        // Every message has its send and one fate (what the lost member held: a member-lost drop), as the counters say.
        var audit = TraceAudit.Of(run.Trace!);
        output.WriteLine($"{outage}; {audit}");
        audit.AssertAccountsFor();
        Assert.Equal((audit.Sends, audit.Deliveries, audit.Drops), (run.Result.Counters.Sent, run.Result.Counters.Delivered, run.Result.Counters.Dropped));
        Assert.Equal(audit.MemberLostDrops, run.Result.Counters.DroppedByReason.GetValueOrDefault(DropReason.MemberLost.Name()));
        Assert.False(File.Exists(lost.TraceFile + ".partial"));

        // Every agent, wherever it lived, still decided in the last round; the outage is in the trace.
        var lines = File.ReadAllLines(run.Trace!);
        Assert.Contains(lines, l => l.Contains("\"name\":\"member-lost\""));
        var agents = inputs.Topology.Names.Where(n => n.StartsWith("agent-", StringComparison.Ordinal)).ToList();
        foreach (var agent in agents)
            Assert.Contains(lines, l => l.Contains($"\"entity\":\"{agent}\",\"round\":{rounds - 1},\"name\":\"staleness\""));
    }
}
