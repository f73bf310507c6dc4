namespace MaLAM4Com.Models;

/// <summary>A pretrained network with how it was trained (loaded from the cache when <see cref="FromCache"/>).</summary>
public sealed record PretrainedModel(string Role, TransformerModel Network, TrainingResult Training, bool FromCache, string CheckpointPath)
{
    public TransformerSettings Settings => Network.Settings;
}
