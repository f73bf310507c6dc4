namespace MaLAM4Com.Actors.Protocol;

/// <summary>
/// One choice an agent can make in a round: skip, or share its knowledge with a given embedding
/// dimension and quantisation. <see cref="Penalty"/> estimates the accuracy lost by sharing less;
/// <see cref="Costs"/> holds what it spends, one entry per budget (in the order of the agent's queues).
/// </summary>
public sealed record CooperationAction(string Name, int EmbeddingDimension, int BitsPerValue, double Penalty, IReadOnlyList<double> Costs)
{
    public bool Shares => EmbeddingDimension > 0;
}
