namespace MaLAM4Com.Models;

/// <summary>
/// <see cref="PretrainSampling.FreshEachEpoch"/>: epoch e trains on samples
/// [<paramref name="firstIndex"/> + e * n, firstIndex + (e + 1) * n) of every region, n = <paramref name="samplesPerRegion"/>.
/// Samples are a pure function of (seed, region, index), so every run (the LAM's and the SAM's) sees the same epochs.
/// </summary>
public sealed class FreshPretrainingSamples(IChannelSource source, IReadOnlyList<int> regions, int samplesPerRegion, long firstIndex)
    : ITrainingSamples
{
    private ChannelDataset? current;
    private int currentEpoch = -1;

    public ChannelDataset ForEpoch(int epoch)
    {
        if (epoch == currentEpoch && current is not null)
            return current;
        current?.Dispose();
        long first = firstIndex + (long)epoch * samplesPerRegion;
        current = ChannelDataset.Sample(source, regions, first, samplesPerRegion);
        currentEpoch = epoch;
        return current;
    }

    public void Dispose()
    {
        current?.Dispose();
        current = null;
    }
}
