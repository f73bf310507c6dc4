using MaLAM4Com.Engine.Randomness;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Links;

/// <summary>
/// Gilbert-Elliott burst loss: each directed link is a two-state Markov chain (good, bad) that steps
/// once per message; a message is lost with the loss probability of the state it finds. Links start
/// in the good state. Draws come from (seed, message id), the state from the link's own history.
/// </summary>
public sealed class GilbertElliottLoss : ILossModel
{
    private readonly ulong _seed;
    private readonly double _pGoodToBad;
    private readonly double _pBadToGood;
    private readonly double _lossGood;
    private readonly double _lossBad;
    private readonly HashSet<long> _badLinks = new();

    public GilbertElliottLoss(ulong seed, double pGoodToBad, double pBadToGood, double lossGood, double lossBad)
    {
        Check(pGoodToBad, nameof(pGoodToBad));
        Check(pBadToGood, nameof(pBadToGood));
        Check(lossGood, nameof(lossGood));
        Check(lossBad, nameof(lossBad));
        _seed = seed;
        _pGoodToBad = pGoodToBad;
        _pBadToGood = pBadToGood;
        _lossGood = lossGood;
        _lossBad = lossBad;
    }

    private static void Check(double p, string name)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(name, p, "a probability must be within [0, 1]");
    }

    public DropReason Reason => DropReason.LossBurst;

    /// <summary>The long-run fraction of messages lost (stationary distribution of the chain).</summary>
    public double StationaryLossRate
    {
        get
        {
            double sum = _pGoodToBad + _pBadToGood;
            double bad = sum == 0 ? 0 : _pGoodToBad / sum;
            return (1 - bad) * _lossGood + bad * _lossBad;
        }
    }

    public bool IsLost(int from, int to, long messageId)
    {
        long link = ((long)from << 32) | (uint)to;
        bool bad = _badLinks.Contains(link);
        double step = RandomStream.BurstState.Unit(_seed, messageId);
        bool nowBad = bad ? step >= _pBadToGood : step < _pGoodToBad;
        if (nowBad != bad)
        {
            if (nowBad)
                _badLinks.Add(link);
            else
                _badLinks.Remove(link);
        }
        double draw = RandomStream.Loss.Unit(_seed, messageId);
        return draw < (nowBad ? _lossBad : _lossGood);
    }
}
