namespace MaLAM4Com.Models;

/// <summary>
/// The samples each training epoch goes over: one fixed set (a <see cref="ChannelDataset"/> is its own
/// samples every epoch) or new draws per epoch (<see cref="FreshPretrainingSamples"/>).
/// </summary>
public interface ITrainingSamples : IDisposable
{
    /// <summary>The samples of epoch <paramref name="epoch"/> (0-based); the provider owns them, and they stay valid until its next call.</summary>
    ChannelDataset ForEpoch(int epoch);
}
