namespace MaLAM4Com.Channels.Links;

/// <summary>The kinds of link between layers; each has its own rate and latency settings.</summary>
public enum LinkClass
{
    /// <summary>Device to edge and back: UMi radio, Shannon rate over the radio bandwidth.</summary>
    DeviceEdgeRadio,
    /// <summary>Edge to cloud, edge to edge: wired backhaul at a fixed rate.</summary>
    Backhaul,
    /// <summary>Between entities of the cloud (the cloud and its distillation workers): data-centre network.</summary>
    CloudLocal,
}
