using MaLAM4Com.Engine.Randomness;

namespace MaLAM4Com.Engine.Links;

/// <summary>
/// Each directed link gets its own propagation delay, drawn once from [min, max] by hashing the
/// seed and the link's endpoints, plus a transmission time at a fixed rate. Used by the kernel
/// benchmark and by scenarios that want heterogeneous links without a radio model.
/// </summary>
public sealed class RandomDelayLinkModel : ILinkModel
{
    private readonly ulong _seed;
    private readonly long _minUs;
    private readonly long _spanUs;
    private readonly double _usPerByte;

    public RandomDelayLinkModel(ulong seed, long minDelayUs, long maxDelayUs, double rateBitsPerSecond)
    {
        if (minDelayUs < 1)
            throw new ArgumentOutOfRangeException(nameof(minDelayUs), minDelayUs, "the minimum delay must be at least 1 us (it is the kernel's lookahead)");
        if (maxDelayUs < minDelayUs)
            throw new ArgumentOutOfRangeException(nameof(maxDelayUs), maxDelayUs, $"the maximum delay must be at least the minimum ({minDelayUs} us)");
        if (!(rateBitsPerSecond > 0) || double.IsInfinity(rateBitsPerSecond))
            throw new ArgumentOutOfRangeException(nameof(rateBitsPerSecond), rateBitsPerSecond, "rate must be a positive finite number of bits per second");
        _seed = seed;
        _minUs = minDelayUs;
        _spanUs = maxDelayUs - minDelayUs + 1;
        _usPerByte = 8e6 / rateBitsPerSecond;
    }

    public long MinDelayUs => _minUs;

    public long DelayUs(int from, int to, int bytes) =>
        _minUs + (long)(RandomStream.LinkDelay.Key(_seed, from, to) % (ulong)_spanUs) + (long)Math.Ceiling(bytes * _usPerByte);
}
