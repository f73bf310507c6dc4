namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// One choice an agent can make in a round: skip, or share its knowledge with a given embedding
/// dimension and quantisation. <see cref="Costs"/> holds what it spends, one entry per budget (in the
/// order of the agent's queues); what it loses in accuracy is its method's penalty.
/// </summary>
public sealed record CooperationAction(string Name, int EmbeddingDimension, int BitsPerValue, IReadOnlyList<double> Costs)
{
    public bool Shares => EmbeddingDimension > 0;
}
