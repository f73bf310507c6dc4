namespace MaLAM4Com.Engine.Links;

/// <summary>Every link has the same propagation delay and rate: delay = propagation + bits / rate.</summary>
public sealed class FixedRateLinkModel : ILinkModel
{
    private readonly long _propagationUs;
    private readonly double _usPerByte;

    public FixedRateLinkModel(long propagationUs, double rateBitsPerSecond)
    {
        if (propagationUs < 1)
            throw new ArgumentOutOfRangeException(nameof(propagationUs), propagationUs, "propagation must be at least 1 us (it is the kernel's lookahead)");
        if (!(rateBitsPerSecond > 0) || double.IsInfinity(rateBitsPerSecond))
            throw new ArgumentOutOfRangeException(nameof(rateBitsPerSecond), rateBitsPerSecond, "rate must be a positive finite number of bits per second");
        _propagationUs = propagationUs;
        _usPerByte = 8e6 / rateBitsPerSecond;
    }

    public long MinDelayUs => _propagationUs;

    public long DelayUs(int from, int to, int bytes) => _propagationUs + (long)Math.Ceiling(bytes * _usPerByte);
}
