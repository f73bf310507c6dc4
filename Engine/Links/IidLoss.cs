using MaLAM4Com.Engine.Randomness;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Links;

/// <summary>Each message is lost independently with probability <c>rate</c>, drawn from (seed, message id).</summary>
public sealed class IidLoss : ILossModel
{
    private readonly ulong _seed;
    private readonly double _rate;

    public IidLoss(ulong seed, double rate)
    {
        if (!(rate >= 0 && rate <= 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "loss rate must be within [0, 1]");
        _seed = seed;
        _rate = rate;
    }

    public DropReason Reason => DropReason.LossIid;

    public bool IsLost(int from, int to, long messageId) => RandomStream.Loss.Unit(_seed, messageId) < _rate;
}
