namespace MaLAM4Com.Models;

/// <summary>One adaptation region's data, already split; methods train on <see cref="Train"/>, stop on
/// <see cref="Validation"/> and are scored on <see cref="Test"/> alone.</summary>
public sealed record RegionSplit(int Region, ChannelDataset Train, ChannelDataset Validation, ChannelDataset Test) : IDisposable
{
    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        Test.Dispose();
    }
}
