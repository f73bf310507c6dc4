namespace MaLAM4Com.Models;

/// <summary>
/// How a channel matrix H (Nt antennas x Nc subcarriers, complex) is laid out as a model input:
/// one token per antenna row, holding the row's Nc real parts followed by its Nc imaginary parts.
/// A batch is a float tensor shaped [N, <see cref="Antennas"/>, <see cref="TokenWidth"/>].
/// </summary>
public static class ChannelLayout
{
    public const int Antennas = 32;
    public const int Subcarriers = 32;
    public const int TokenWidth = 2 * Subcarriers;
    public const int RealsPerSample = Antennas * TokenWidth;
}
