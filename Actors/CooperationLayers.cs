using MaLAM4Com.Engine.Entities;

namespace MaLAM4Com.Actors;

/// <summary>The layers of the three-layer population.</summary>
public static class CooperationLayers
{
    public static readonly Layer Cloud = new("cloud");

    public static readonly Layer Edge = new("edge");

    public static readonly Layer Agent = new("agent");

    /// <summary>The cloud's dataset-distillation workers.</summary>
    public static readonly Layer Worker = new("worker");
}
