namespace MaLAM4Com.Channels.Links;

public enum EndpointKind
{
    Device,
    Edge,
    Cloud,
}

/// <summary>
/// One simulated entity as the link model sees it: its layer, its ground position (devices and
/// edges; the cloud has none that matters) and, for devices, whether it sees its edge in line of
/// sight (a device in region r is LOS when r is even, as the CSI regions are).
/// </summary>
public readonly record struct LinkEndpoint(EndpointKind Kind, Position2D Position, bool LineOfSight)
{
    public static LinkEndpoint Device(Position2D position, bool lineOfSight) => new(EndpointKind.Device, position, lineOfSight);

    /// <summary>A device at the centre of a CSI region, with the region's LOS condition.</summary>
    public static LinkEndpoint DeviceInRegion(RegionGeometry geometry, int region) =>
        Device(geometry.Centre(region), RegionGeometry.IsLineOfSight(region));

    public static LinkEndpoint Edge(Position2D position) => new(EndpointKind.Edge, position, true);

    public static LinkEndpoint Cloud() => new(EndpointKind.Cloud, default, true);
}
