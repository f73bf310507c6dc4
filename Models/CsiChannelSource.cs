using System.Globalization;
using MaLAM4Com.Channels;
using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>
/// Channel samples from the Channels project: H from the <see cref="CsiGenerator"/> and the coarse
/// estimate H_in = pinv(A) A vec(H) from a <see cref="CompressionOperator"/> at sampling ratio rho.
/// The generator's real layout (per antenna row: Nc real parts, then Nc imaginary parts) is
/// <see cref="ChannelLayout"/>'s, so the floats become tensors without reordering.
/// </summary>
public sealed class CsiChannelSource : IChannelSource
{
    private readonly CsiGenerator generator;
    private readonly CompressionOperator compression;

    public CsiChannelSource(CsiGeneratorSettings settings, ulong seed, double rho)
    {
        settings.Validate();
        if (settings.Antennas != ChannelLayout.Antennas || settings.Subcarriers != ChannelLayout.Subcarriers)
            throw new ArgumentException($"The models take {ChannelLayout.Antennas} antennas x {ChannelLayout.Subcarriers} subcarriers; the generator has {settings.Antennas} x {settings.Subcarriers}.");
        generator = new CsiGenerator(settings, seed);
        compression = CompressionOperator.ForRatio(ChannelLayout.RealsPerSample, rho, seed);
        Identity = string.Create(CultureInfo.InvariantCulture, $"csi seed={seed} rho={rho:R} {settings}");
    }

    public string Identity { get; }

    public ChannelDataset Sample(int region, long firstIndex, int count)
    {
        var truth = generator.Generate(region, firstIndex, count);
        var coarse = new float[truth.Length];
        compression.CompressAndEstimate(truth, coarse);
        long[] shape = [count, ChannelLayout.Antennas, ChannelLayout.TokenWidth];
        return new ChannelDataset(tensor(coarse, shape), tensor(truth, shape));
    }
}
