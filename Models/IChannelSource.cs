namespace MaLAM4Com.Models;

/// <summary>Where the models' channel samples come from: coarse estimates and true channels for one region.</summary>
public interface IChannelSource
{
    /// <summary>Everything that determines the samples (settings, seeds, sampling ratio); part of the pretraining cache key.</summary>
    string Identity { get; }

    /// <summary>Samples <paramref name="firstIndex"/> .. <paramref name="firstIndex"/>+<paramref name="count"/>-1 of the region; the same arguments give the same samples.</summary>
    ChannelDataset Sample(int region, long firstIndex, int count);
}
