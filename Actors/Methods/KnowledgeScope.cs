namespace MaLAM4Com.Actors.Methods;

/// <summary>What a method's knowledge is about.</summary>
public enum KnowledgeScope
{
    /// <summary>Nothing is shared.</summary>
    None,

    /// <summary>Knowledge on a region's anchors, kept per region: agents need their anchors first.</summary>
    PerRegion,

    /// <summary>One block for all (for example model weights): <see cref="Domain.KnowledgeBlock.Global"/>.</summary>
    Global,
}
