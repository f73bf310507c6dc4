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

    /// <summary>The measurement count M of each sample.</summary>
    public int Measurements => compression.Measurements;

    /// <summary>Samples as arrays: measurements s = A vec(H) (count x M) and the channels H (count x 2048).</summary>
    public (float[] Measurements, float[] Channels) Arrays(int region, long firstIndex, int count)
    {
        var truth = generator.Generate(region, firstIndex, count);
        var measurements = new float[count * compression.Measurements];
        compression.Compress(truth, measurements);
        return (measurements, truth);
    }

    /// <summary>Measurements of channel-shaped inputs (count x 2048): what an anchor input looks like to a linear model.</summary>
    public float[] Measure(ReadOnlyMemory<float> inputs)
    {
        var measurements = new float[inputs.Length / ChannelLayout.RealsPerSample * compression.Measurements];
        compression.Compress(inputs, measurements);
        return measurements;
    }

    /// <summary>The coarse estimate pinv(A) s of one measurement vector, in double.</summary>
    public void Coarse(double[] s, double[] coarse)
    {
        var input = Array.ConvertAll(s, v => (float)v);
        var output = new float[coarse.Length];
        compression.Estimate(input, output);
        for (int i = 0; i < coarse.Length; i++)
            coarse[i] = output[i];
    }

    public ChannelDataset Sample(int region, long firstIndex, int count)
    {
        var truth = generator.Generate(region, firstIndex, count);
        var coarse = new float[truth.Length];
        compression.CompressAndEstimate(truth, coarse);
        long[] shape = [count, ChannelLayout.Antennas, ChannelLayout.TokenWidth];
        return new ChannelDataset(tensor(coarse, shape), tensor(truth, shape));
    }
}
