using System.Collections.Immutable;

namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// Knowledge about one region (outputs or embeddings on its anchors), or the one global block
/// (<see cref="Global"/>) of weight averaging, with the total weight of the samples behind it. Values are
/// laid out anchor by anchor, <see cref="Dimension"/> values each (0: the whole vector is one anchor's).
/// An average of reports also says how many reports it averages (<see cref="Count"/>) and how far they
/// spread around it (<see cref="Spread"/>: their weighted mean squared distance from it), from which the
/// cloud judges how much to trust it against its teacher.
/// </summary>
public sealed record KnowledgeBlock(int Region, double Weight, ImmutableArray<float> Values, int Dimension = 0, int Count = 1, double Spread = 0)
{
    public const int Global = 0;

    /// <summary>
    /// Whether it averages two or more agents' reports: a consensus to reach. One report (perhaps the receiving
    /// agent's own, where the cloud uses no teacher) or none (the teacher's alone) is not.
    /// </summary>
    public bool IsConsensus => Count > 1;

    /// <summary>Values per anchor.</summary>
    public int Width => Dimension > 0 ? Dimension : Values.Length;

    /// <summary>Bytes on the wire: the values as 32-bit floats plus region, weight, dimension, count and spread.</summary>
    public int SizeBytes => Values.Length * sizeof(float) + 24;
}
