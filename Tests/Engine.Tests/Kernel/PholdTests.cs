using MaLAM4Com.Samples.Phold;

namespace MaLAM4Com.Engine.Tests.Kernel;

/// <summary>The PHOLD sample on the bare engine: events keep their population and go where the remote fraction says.</summary>
public sealed class PholdTests
{
    private static readonly PholdSettings Small = new(Entities: 50, Remote: 0.5, Population: 4, LookaheadUs: 1_000, MeanDelayUs: 500, EndUs: 40_000, Seed: 3);

    [Fact]
    public void EveryEntityKeepsItsPopulationInFlight()
    {
        var result = PholdRun.Run(Small);
        // Each event takes the lookahead plus 0.5 ms on average: about 26 generations of 200 events in 40 ms.
        Assert.InRange(result.Events, 200 * 20, 200 * 40);
        Assert.Equal(40, result.Windows);
        Assert.True(result.EventsPerSecond > 0);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void TheRemoteFractionDecidesWhereEventsGo(double remote)
    {
        var (_, lines) = KernelHarness.RunTraced(PholdRun.Topology(Small with { Remote = remote }), new Links.FixedRateLinkModel(1_000, 1e9), Faults.FaultPlan.None, 20_000);
        var sends = lines.Where(l => l.Contains("\"ev\":\"send\"")).ToList();
        int toSelf = sends.Count(l => l.Split("\"from\":")[1].Split(',')[0] == l.Split("\"to\":")[1].Split(',')[0]);
        if (remote == 0)
            Assert.Equal(sends.Count, toSelf);
        else
            Assert.InRange(toSelf, 0, sends.Count / 20);
    }

    [Fact]
    public void BadSettingsAreRefusedNamingTheOption()
    {
        Assert.Contains("--remote", Assert.Throws<ArgumentException>(() => PholdRun.Run(Small with { Remote = 1.5 })).Message);
        Assert.Contains("--entities", Assert.Throws<ArgumentException>(() => PholdRun.Run(Small with { Entities = 0 })).Message);
    }
}
