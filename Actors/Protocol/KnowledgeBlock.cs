namespace MaLAM4Com.Actors.Protocol;

/// <summary>
/// Knowledge about one region (outputs or embeddings on its anchors, flattened), or the one global block
/// (<see cref="Global"/>) of weight averaging, with the total weight of the samples behind it.
/// </summary>
public sealed record KnowledgeBlock(int Region, double Weight, float[] Values)
{
    public const int Global = 0;

    /// <summary>Bytes on the wire: the values as 32-bit floats plus region and weight.</summary>
    public int SizeBytes => Values.Length * sizeof(float) + 12;
}
