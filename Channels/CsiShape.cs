namespace MaLAM4Com.Channels;

/// <summary>
/// The size of a channel matrix H (antennas x subcarriers) and its real form. The real form of one
/// sample is 2 * Nt * Nc floats: for antenna n, the Nc real parts then the Nc imaginary parts, so
/// antenna n's token of 2 * Nc reals starts at n * 2 * Nc (the transformer's row tokens), and the
/// flat vector reshapes to (Nt, 2, Nc).
/// </summary>
public readonly record struct CsiShape
{
    public CsiShape(int antennas, int subcarriers)
    {
        if (antennas < 1)
            throw new ArgumentOutOfRangeException(nameof(antennas), antennas, "the number of antennas must be at least 1");
        if (subcarriers < 1)
            throw new ArgumentOutOfRangeException(nameof(subcarriers), subcarriers, "the number of subcarriers must be at least 1");
        Antennas = antennas;
        Subcarriers = subcarriers;
    }

    public int Antennas { get; }
    public int Subcarriers { get; }

    /// <summary>Floats per sample in the real form: 2 * Nt * Nc.</summary>
    public int RealLength => 2 * Antennas * Subcarriers;

    public int RealIndex(int antenna, int subcarrier) => 2 * antenna * Subcarriers + subcarrier;

    public int ImagIndex(int antenna, int subcarrier) => 2 * antenna * Subcarriers + Subcarriers + subcarrier;

    /// <summary>How many whole samples a real-form buffer holds; throws if its length is not a multiple of <see cref="RealLength"/>.</summary>
    public int SampleCount(int floats, string paramName)
    {
        if (floats % RealLength != 0)
            throw new ArgumentException($"length {floats} is not a whole number of {RealLength}-float samples", paramName);
        return floats / RealLength;
    }
}
