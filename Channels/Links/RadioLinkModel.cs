using MaLAM4Com.Engine.Links;
using MaLAM4Com.Engine.Randomness;

namespace MaLAM4Com.Channels.Links;

/// <summary>
/// Link delays from a radio link budget. Device-edge: UMi path loss (LOS or NLOS from the device),
/// log-normal shadowing drawn once per device-edge pair from (seed, pair) and shared by both
/// directions, SNR against thermal noise, Shannon rate B log2(1 + SNR). Backhaul and cloud-local
/// links are wired at a fixed rate. Delay = class latency + propagation + 8 bytes / rate, rounded up
/// to whole µs. Devices reach the cloud and each other only through an edge, so those pairs throw.
/// Pure and thread-safe.
/// </summary>
public sealed class RadioLinkModel : ILinkModel
{
    /// <summary>Its name in <c>link.model</c>.</summary>
    public const string Name = "radio";

    private readonly LinkEndpoint[] _endpoints;
    private readonly ulong _seed;
    private readonly double _noiseDbm;

    /// <param name="endpoints">Endpoint i is the entity with kernel index i.</param>
    public RadioLinkModel(RadioLinkSettings settings, IReadOnlyList<LinkEndpoint> endpoints, ulong seed)
    {
        settings.Validate();
        Settings = settings;
        _endpoints = endpoints.ToArray();
        _seed = seed;
        _noiseDbm = settings.NoiseDensityDbmPerHz + 10 * Math.Log10(settings.RadioBandwidthHz) + settings.NoiseFigureDb;
        MinDelayUs = Math.Min(settings.RadioLatencyUs, Math.Min(settings.BackhaulLatencyUs, settings.CloudLocalLatencyUs));
    }

    public RadioLinkSettings Settings { get; }

    public long MinDelayUs { get; }

    public long DelayUs(int from, int to, int bytes)
    {
        if (bytes < 0)
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "a message cannot have a negative size");
        var (latencyUs, variableSeconds) = Class(from, to) switch
        {
            LinkClass.DeviceEdgeRadio => (Settings.RadioLatencyUs,
                RadioDistance3d(from, to) / PhysicalConstants.SpeedOfLight + 8.0 * bytes / RateBitsPerSecond(from, to)),
            LinkClass.Backhaul => (Settings.BackhaulLatencyUs, 8.0 * bytes / Settings.BackhaulRateBitsPerSecond),
            _ => (Settings.CloudLocalLatencyUs, 8.0 * bytes / Settings.CloudLocalRateBitsPerSecond),
        };
        // Saturate rather than overflow for absurdly slow links; the whole latency keeps the delay >= MinDelayUs.
        return latencyUs + (long)Math.Min(Math.Ceiling(variableSeconds * 1e6), long.MaxValue / 4);
    }

    /// <summary>The link class between two endpoints; throws for pairs with no direct link.</summary>
    public LinkClass Class(int from, int to)
    {
        var a = Endpoint(from, nameof(from)).Kind;
        var b = Endpoint(to, nameof(to)).Kind;
        if (from == to)
            throw new ArgumentException($"endpoint {from} cannot send to itself over a link", nameof(to));
        return (a, b) switch
        {
            (EndpointKind.Device, EndpointKind.Edge) or (EndpointKind.Edge, EndpointKind.Device) => LinkClass.DeviceEdgeRadio,
            (EndpointKind.Edge, EndpointKind.Edge) or (EndpointKind.Edge, EndpointKind.Cloud) or (EndpointKind.Cloud, EndpointKind.Edge) => LinkClass.Backhaul,
            (EndpointKind.Cloud, EndpointKind.Cloud) => LinkClass.CloudLocal,
            _ => throw new ArgumentException($"no direct link from {a} {from} to {b} {to}: devices talk to the cloud and to each other through an edge", nameof(to)),
        };
    }

    /// <summary>Received SNR in dB on a device-edge radio link, with the sender's transmit power.</summary>
    public double SnrDb(int from, int to)
    {
        if (Class(from, to) != LinkClass.DeviceEdgeRadio)
            throw new ArgumentException($"endpoints {from} and {to} are not joined by a radio link", nameof(to));
        var sender = _endpoints[from];
        var device = sender.Kind == EndpointKind.Device ? sender : _endpoints[to];
        double distance = _endpoints[from].Position.DistanceTo(_endpoints[to].Position);
        var s = Settings;
        double pathLoss = device.LineOfSight
            ? UmiPathLoss.LineOfSightDb(distance, s.EdgeHeightM, s.DeviceHeightM, s.CarrierHz)
            : UmiPathLoss.NonLineOfSightDb(distance, s.EdgeHeightM, s.DeviceHeightM, s.CarrierHz);
        double txPower = sender.Kind == EndpointKind.Device ? s.DeviceTxPowerDbm : s.EdgeTxPowerDbm;
        return txPower + s.AntennaGainsDb - pathLoss - ShadowingDb(from, to, device.LineOfSight) - _noiseDbm;
    }

    /// <summary>Shannon rate of a device-edge radio link, bits per second.</summary>
    public double RateBitsPerSecond(int from, int to) =>
        Settings.RadioBandwidthHz * Math.Log2(1 + Math.Pow(10, SnrDb(from, to) / 10));

    private double ShadowingDb(int from, int to, bool lineOfSight)
    {
        // One draw per unordered pair, so uplink and downlink see the same shadowing.
        var rng = RandomStream.Shadowing.Generator(_seed, Math.Min(from, to), Math.Max(from, to));
        return (lineOfSight ? Settings.ShadowingLosStdDb : Settings.ShadowingNlosStdDb) * rng.NextGaussian();
    }

    private double RadioDistance3d(int from, int to)
    {
        double d = _endpoints[from].Position.DistanceTo(_endpoints[to].Position);
        double dh = Settings.EdgeHeightM - Settings.DeviceHeightM;
        return Math.Sqrt(d * d + dh * dh);
    }

    private LinkEndpoint Endpoint(int index, string paramName)
    {
        if ((uint)index >= (uint)_endpoints.Length)
            throw new ArgumentOutOfRangeException(paramName, index, $"endpoint indices run from 0 to {_endpoints.Length - 1}");
        return _endpoints[index];
    }
}
