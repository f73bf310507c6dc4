using MaLAM4Com.Channels;
using MaLAM4Com.Channels.Links;

namespace MaLAM4Com.Tests.Channels;

public sealed class RadioLinkModelTests
{
    // 0: edge at the origin; 1: LOS device 100 m away; 2: NLOS device 100 m away; 3: LOS device 50 m away; 4: cloud; 5: second edge; 6: cloud worker.
    private static readonly LinkEndpoint[] Endpoints =
    [
        LinkEndpoint.Edge(new Position2D(0, 0)),
        LinkEndpoint.Device(new Position2D(100, 0), lineOfSight: true),
        LinkEndpoint.Device(new Position2D(0, 100), lineOfSight: false),
        LinkEndpoint.Device(new Position2D(30, 40), lineOfSight: true),
        LinkEndpoint.Cloud(),
        LinkEndpoint.Edge(new Position2D(400, 0)),
        LinkEndpoint.Cloud(),
    ];

    private static readonly RadioLinkSettings NoShadowing = new() { ShadowingLosStdDb = 0, ShadowingNlosStdDb = 0 };

    [Fact]
    public void PathLossMatchesUmiStreetCanyonAtHandComputedPoints()
    {
        const double fc = 2.655e9;
        // d3D = sqrt(100^2 + 8.5^2); PL1 = 32.4 + 21 log10 d3D + 20 log10 2.655.
        Assert.Equal(82.9141, UmiPathLoss.LineOfSightDb(100, 10, 1.5, fc), 3);
        // Beyond the 159.4 m breakpoint: PL2.
        Assert.Equal(98.1136, UmiPathLoss.LineOfSightDb(300, 10, 1.5, fc), 3);
        Assert.Equal(102.0878, UmiPathLoss.NonLineOfSightDb(100, 10, 1.5, fc), 3);
        // Closer than 10 m counts as 10 m.
        Assert.Equal(UmiPathLoss.LineOfSightDb(10, 10, 1.5, fc), UmiPathLoss.LineOfSightDb(2, 10, 1.5, fc));
    }

    [Fact]
    public void RadioDelayIsLatencyPlusPropagationPlusBytesOverTheShannonRate()
    {
        var model = new RadioLinkModel(NoShadowing, Endpoints, seed: 1);
        // Noise -174 + 10 log10(20 MHz) + 7 = -93.99 dBm; SNR 23 - 82.914 + 93.990 = 34.076 dB; rate 226.40 Mb/s.
        Assert.Equal(34.0756, model.SnrDb(1, 0), 3);
        Assert.Equal(226.4045, model.RateBitsPerSecond(1, 0) / 1e6, tolerance: 1e-3);
        // 1000 µs + 0.335 µs + 80,000 bits / 226.40 Mb/s = 353.35 µs, rounded up.
        Assert.Equal(1354, model.DelayUs(1, 0, 10_000));
        // The edge transmits 21 dB louder.
        Assert.Equal(model.SnrDb(1, 0) + 21, model.SnrDb(0, 1), 9);
    }

    [Fact]
    public void DelaysGrowWithSizeAndDistanceAndNlosIsSlower()
    {
        var model = new RadioLinkModel(NoShadowing, Endpoints, seed: 1);
        Assert.True(model.DelayUs(1, 0, 1_000_000) > model.DelayUs(1, 0, 10_000));
        Assert.True(model.DelayUs(1, 0, 1_000_000) > model.DelayUs(3, 0, 1_000_000));
        Assert.True(model.DelayUs(2, 0, 1_000_000) > model.DelayUs(1, 0, 1_000_000));
    }

    [Fact]
    public void WiredLinksUseTheirClassRateAndLatency()
    {
        var model = new RadioLinkModel(new RadioLinkSettings(), Endpoints, seed: 1);
        Assert.Equal(LinkClass.Backhaul, model.Class(0, 4));
        Assert.Equal(LinkClass.Backhaul, model.Class(5, 0));
        Assert.Equal(LinkClass.CloudLocal, model.Class(4, 6));
        Assert.Equal(LinkClass.DeviceEdgeRadio, model.Class(0, 2));
        // 2000 µs + 8 Mb / 1 Gb/s = 10,000 µs.
        Assert.Equal(10_000, model.DelayUs(0, 4, 1_000_000));
        Assert.Equal(2000, model.DelayUs(4, 0, 0));
        // 50 µs + 8 Mb / 10 Gb/s.
        Assert.Equal(850, model.DelayUs(4, 6, 1_000_000));
        Assert.Equal(50, model.MinDelayUs);
    }

    [Fact]
    public void ShadowingIsSeededPerPairAndSharedByBothDirections()
    {
        var model = new RadioLinkModel(new RadioLinkSettings(), Endpoints, seed: 1);
        var same = new RadioLinkModel(new RadioLinkSettings(), Endpoints, seed: 1);
        var other = new RadioLinkModel(new RadioLinkSettings(), Endpoints, seed: 2);
        var flat = new RadioLinkModel(NoShadowing, Endpoints, seed: 1);
        Assert.Equal(model.DelayUs(2, 0, 50_000), same.DelayUs(2, 0, 50_000));
        Assert.NotEqual(model.SnrDb(2, 0), other.SnrDb(2, 0));
        Assert.NotEqual(model.SnrDb(2, 0), flat.SnrDb(2, 0));
        // Uplink and downlink differ only by the transmit powers.
        Assert.Equal(model.SnrDb(2, 0) + 21, model.SnrDb(0, 2), 9);
    }

    [Fact]
    public void EveryDelayIsAtLeastTheLookahead()
    {
        var model = new RadioLinkModel(new RadioLinkSettings(), Endpoints, seed: 3);
        foreach (var (from, to) in new[] { (0, 1), (1, 0), (2, 0), (0, 3), (0, 4), (4, 5), (4, 6) })
            Assert.True(model.DelayUs(from, to, 0) >= model.MinDelayUs);
        Assert.True(model.MinDelayUs >= 1);
    }

    [Fact]
    public void PairsWithoutADirectLinkAndUnknownEndpointsAreRejected()
    {
        var model = new RadioLinkModel(new RadioLinkSettings(), Endpoints, seed: 1);
        Assert.Contains("through an edge", Assert.Throws<ArgumentException>(() => model.DelayUs(1, 4, 10)).Message);
        Assert.Throws<ArgumentException>(() => model.DelayUs(1, 2, 10));
        Assert.Throws<ArgumentException>(() => model.DelayUs(0, 0, 10));
        Assert.Equal("from", Assert.Throws<ArgumentOutOfRangeException>(() => model.DelayUs(-1, 0, 10)).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentOutOfRangeException>(() => model.DelayUs(0, 7, 10)).ParamName);
        Assert.Equal("bytes", Assert.Throws<ArgumentOutOfRangeException>(() => model.DelayUs(0, 1, -1)).ParamName);
    }

    [Theory]
    [InlineData(nameof(RadioLinkSettings.RadioBandwidthHz))]
    [InlineData(nameof(RadioLinkSettings.BackhaulRateBitsPerSecond))]
    [InlineData(nameof(RadioLinkSettings.RadioLatencyUs))]
    [InlineData(nameof(RadioLinkSettings.ShadowingNlosStdDb))]
    public void InvalidSettingsAreRejectedNamingTheParameter(string parameter)
    {
        var settings = parameter switch
        {
            nameof(RadioLinkSettings.RadioBandwidthHz) => new RadioLinkSettings { RadioBandwidthHz = 0 },
            nameof(RadioLinkSettings.BackhaulRateBitsPerSecond) => new RadioLinkSettings { BackhaulRateBitsPerSecond = -5 },
            nameof(RadioLinkSettings.RadioLatencyUs) => new RadioLinkSettings { RadioLatencyUs = 0 },
            _ => new RadioLinkSettings { ShadowingNlosStdDb = -1 },
        };
        var error = Assert.Throws<ArgumentException>(() => new RadioLinkModel(settings, Endpoints, 1));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void ADeviceInACsiRegionTakesTheRegionCentreAndCondition()
    {
        var geometry = new RegionGeometry(new CsiGeneratorSettings(), seed: 1);
        var even = LinkEndpoint.DeviceInRegion(geometry, 8);
        var odd = LinkEndpoint.DeviceInRegion(geometry, 7);
        Assert.True(even.LineOfSight);
        Assert.False(odd.LineOfSight);
        Assert.Equal(geometry.Centre(7), odd.Position);
    }
}
