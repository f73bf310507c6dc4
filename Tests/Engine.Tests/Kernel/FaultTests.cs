using System.Text.Json;
using MaLAM4Com.Engine.Config;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Links;

namespace MaLAM4Com.Engine.Tests.Kernel;

public sealed class FaultTests
{
    private const long Ms = 1_000;

    /// <summary>Entity 0 sends a note to every other entity each millisecond from 0 to 19 ms.</summary>
    private static void Broadcast(ScriptedEntity e, Handled h)
    {
        if (e.Index != 0 || (h.Label != "start" && h.From != -1))
            return;
        for (int to = 1; to < 4; to++)
            e.Tell(to, $"n{e.Time / Ms}");
        if (e.Time < 19 * Ms)
            e.Timer(e.Time + Ms, "tick");
    }

    private static ScriptRun Run(Func<Topology, FaultSettings> faults, Action<ScriptedEntity, Handled>? script = null) =>
        ScriptRun.Execute(4, script ?? Broadcast, faults: t => FaultPlanBuilder.Build(faults(t), t, 1),
            layer: i => i == 0 ? "cloud" : i == 3 ? "edge" : "agent");

    private static FaultSettings Faults(IReadOnlyList<LinkDownSpec>? downs = null, IReadOnlyList<CrashSpec>? crashes = null, IReadOnlyList<PartitionSpec>? partitions = null, LossSettings? loss = null) =>
        new(loss ?? new LossSettings("none", 0, 0, 0, 0, 0), downs ?? [], crashes ?? [], partitions ?? []);

    private static List<(string Reason, string To, long T)> Drops(ScriptRun run) => run.Trace
        .Select(l => JsonDocument.Parse(l).RootElement)
        .Where(r => r.GetProperty("ev").GetString() == "drop")
        .Select(r => (r.GetProperty("reason").GetString()!, r.GetProperty("to").GetString()!, r.GetProperty("t").GetInt64()))
        .ToList();

    [Fact]
    public void ALinkDownWindowDropsThatLinksMessagesSentDuringIt()
    {
        var run = Run(_ => Faults([new LinkDownSpec("link", "agent-1<->cloud-0", 5 * Ms, 10 * Ms, "test")]));
        var drops = Drops(run);
        Assert.Equal(5, drops.Count);
        Assert.All(drops, d => Assert.Equal(("link-down", "agent-1"), (d.Reason, d.To)));
        Assert.Equal([5 * Ms, 6 * Ms, 7 * Ms, 8 * Ms, 9 * Ms], drops.Select(d => d.T));
        Assert.Equal(15, run.Of(1).Count(h => h.Label.StartsWith('n')));
        Assert.Equal(20, run.Of(2).Count(h => h.Label.StartsWith('n')));
        Assert.Contains(run.Trace, l => l.Contains("\"ev\":\"fault\"") && l.Contains("\"name\":\"link-down\""));
        Assert.Contains(run.Trace, l => l.Contains("\"ev\":\"fault\"") && l.Contains("\"name\":\"link-up\""));
    }

    [Fact]
    public void ANodeDownWindowDropsEveryLinkOfThatNode()
    {
        var run = Run(_ => Faults([new LinkDownSpec("node", "agent-2", 0, 3 * Ms, "test")]));
        Assert.Equal([0, Ms, 2 * Ms], Drops(run).Select(d => d.T));
        Assert.All(Drops(run), d => Assert.Equal("agent-2", d.To));
    }

    [Fact]
    public void ALayerDownWindowDropsEveryLinkOfThatLayer()
    {
        var run = Run(_ => Faults([new LinkDownSpec("layer", "agent", 10 * Ms, 12 * Ms, "test")]));
        Assert.Equal(4, Drops(run).Count);
        Assert.All(Drops(run), d => Assert.StartsWith("agent-", d.To));
    }

    [Fact]
    public void IidLossDropsAboutItsRateAndNamesItsReason()
    {
        var loss = new LossSettings("iid", 0.25, 0, 0, 0, 0);
        var run = ScriptRun.Execute(2, (e, h) =>
        {
            if (e.Index == 0 && e.Time < 2000 * Ms)
            {
                e.Tell(1, "x");
                e.Timer(e.Time + Ms, "tick");
            }
        }, faults: t => FaultPlanBuilder.Build(Faults(loss: loss), t, 9));
        var drops = Drops(run);
        Assert.All(drops, d => Assert.Equal("loss-iid", d.Reason));
        Assert.InRange(drops.Count / 2000.0, 0.22, 0.28);
        Assert.Equal(2000 - drops.Count, run.Of(1).Count(h => h.Label == "x"));
    }

    [Fact]
    public void GilbertElliottLossComesInBursts()
    {
        var ge = new GilbertElliottLoss(5, pGoodToBad: 0.05, pBadToGood: 0.2, lossGood: 0.0, lossBad: 0.8);
        var lost = Enumerable.Range(0, 100_000).Select(i => ge.IsLost(1, 2, i + 1)).ToArray();
        double rate = lost.Average(l => l ? 1.0 : 0.0);
        double afterLoss = Enumerable.Range(1, lost.Length - 1).Where(i => lost[i - 1]).Average(i => lost[i] ? 1.0 : 0.0);
        Assert.InRange(rate, ge.StationaryLossRate - 0.02, ge.StationaryLossRate + 0.02);
        Assert.True(afterLoss > 3 * rate, $"loss after a loss {afterLoss:F3} should far exceed the mean rate {rate:F3}");
        // Another link has its own chain: the same message ids do not give the same pattern.
        Assert.NotEqual(lost.Take(2000), Enumerable.Range(0, 2000).Select(i => new GilbertElliottLoss(5, 0.05, 0.2, 0, 0.8).IsLost(3, 4, i + 1)));
    }

    [Fact]
    public void ACrashedNodeReceivesNothingAndItsMessagesAreDroppedAsCrashed()
    {
        var run = Run(_ => Faults(crashes: [new CrashSpec("agent-1", 7 * Ms + 500, null, false, "test")]));
        Assert.All(run.Of(1), h => Assert.True(h.TimeUs < 7 * Ms + 500));
        var drops = Drops(run);
        Assert.Equal(13, drops.Count);
        Assert.All(drops, d => Assert.Equal(("crashed", "agent-1"), (d.Reason, d.To)));
    }

    [Theory]
    [InlineData(true, "restart-restored")]
    [InlineData(false, "restart-cold")]
    public void ARestartedNodeComesBackFromItsSavedStateOrFromScratch(bool restore, string expected)
    {
        // Agent 1 counts the notes it received in its state and saves it after each.
        var run = Run(_ => Faults(crashes: [new CrashSpec("agent-1", 5 * Ms + 500, 12 * Ms, restore, "test")]), (e, h) =>
        {
            Broadcast(e, h);
            if (e.Index == 1 && h.Label.StartsWith('n'))
            {
                e.State++;
                e.Save();
                e.Record("count", e.State);
            }
        });
        var log = run.Of(1);
        Assert.Equal(expected, log.Single(h => h.Label.StartsWith("restart")).Label);
        Assert.Equal(12 * Ms, log.Single(h => h.Label.StartsWith("restart")).TimeUs);
        var counts = run.Trace.Where(l => l.Contains("\"name\":\"count\"")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("value").GetDouble()).ToList();
        // Notes sent at 0..4 ms arrive (1.1 ms later) before the crash; those sent at 11..19 ms after the restart.
        Assert.Equal(5 + 9, counts.Count);
        Assert.Equal(restore ? 6 : 1, counts[5]);
    }

    [Fact]
    public void APartitionDropsMessagesBetweenGroupsOnly()
    {
        var run = Run(_ => Faults(partitions: [new PartitionSpec([["cloud-0", "agent-1"], ["agent-2"]], 2 * Ms, 4 * Ms, "test")]));
        var drops = Drops(run);
        // cloud-0 keeps agent-1, loses agent-2 (another group) and edge-3 (the group of the unnamed).
        Assert.Equal(4, drops.Count);
        Assert.All(drops, d => Assert.Equal("partition", d.Reason));
        Assert.Equal(["agent-2", "agent-2", "edge-3", "edge-3"], drops.Select(d => d.To).Order());
    }

    [Fact]
    public void UnknownFaultTargetsNameTheKeyAndTheKnownEntities()
    {
        var topology = KernelHarness.Topology(3, _ => Akka.Actor.Props.Empty, i => i == 0 ? "cloud" : "agent");
        var e = Assert.Throws<ConfigException>(() => FaultPlanBuilder.Build(Faults(crashes: [new CrashSpec("agent-9", 0, null, false, "faults.crashes[0].node")]), topology, 1));
        Assert.Contains("faults.crashes[0].node", e.Message);
        Assert.Contains("agent-9", e.Message);
        Assert.Contains("agent-1 .. agent-2", e.Message.Replace("agent-1, agent-2", "agent-1 .. agent-2"));
        var layer = Assert.Throws<ConfigException>(() => FaultPlanBuilder.Build(Faults([new LinkDownSpec("layer", "fog", 0, 1, "faults.link-down[0].layer")]), topology, 1));
        Assert.Contains("unknown layer", layer.Message);
        var overlap = Assert.Throws<ConfigException>(() => FaultPlanBuilder.Build(Faults(crashes: [new CrashSpec("agent-1", 0, 10, false, "a"), new CrashSpec("agent-1", 5, null, false, "b")]), topology, 1));
        Assert.Contains("overlap", overlap.Message);
    }

    [Theory]
    [InlineData("crash:agent-3@5s-8s:restore", "crash")]
    [InlineData("link-down:edge-0<->cloud@10s-20s", "link")]
    [InlineData("link-down:layer=edge@1s-2s", "layer")]
    [InlineData("partition:edge-0,agent-0|cloud@1s-2s", "partition")]
    [InlineData("loss:gilbert-elliott:0.1,0.2,0,0.5", "gilbert-elliott")]
    public void CommandLineFaultsParse(string text, string kind)
    {
        var none = new LossSettings("none", 0, 0, 0, 0, 0);
        var f = FaultArgument.Parse(text, none);
        switch (kind)
        {
            case "crash":
                Assert.Equal(new CrashSpec("agent-3", 5_000_000, 8_000_000, true, "--fault " + text), f.Crashes.Single());
                break;
            case "partition":
                Assert.Equal([["edge-0", "agent-0"], ["cloud"]], f.Partitions.Single().Groups);
                break;
            case "gilbert-elliott":
                Assert.Equal(none with { Model = "gilbert-elliott", PGoodToBad = 0.1, PBadToGood = 0.2, LossBad = 0.5 }, f.Loss);
                break;
            default:
                Assert.Equal(kind, f.LinkDowns.Single().Scope);
                break;
        }
    }

    [Theory]
    [InlineData("crash:agent-3", "missing '@'")]
    [InlineData("crash:agent-3@-5s", "not a non-negative duration")]
    [InlineData("link-down:a<->b@20s-10s", "must be after the start")]
    [InlineData("meteor:cloud@1s", "unknown kind 'meteor'")]
    [InlineData("loss:iid:1.5", "not a probability")]
    public void BadCommandLineFaultsSayWhatIsWrong(string text, string message)
    {
        var e = Assert.Throws<ConfigException>(() => FaultArgument.Parse(text, new LossSettings("none", 0, 0, 0, 0, 0)));
        Assert.Contains(message, e.Message);
        Assert.Contains("--fault " + text, e.Message);
    }
}
