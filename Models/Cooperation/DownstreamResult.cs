namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// The downstream task on embeddings against the same task on raw CSI: the classifier's multiply-accumulates per
/// sample and its test accuracy on each input, the embedding dimension, and (for information) the encoder's own
/// MACs per sample, which are spent anyway because the embedding is computed for sharing.
/// </summary>
public sealed record DownstreamResult(long MacsEmbedding, long MacsRaw, double AccEmbedding, double AccRaw, int Dimension, long EncoderMacs)
{
    /// <summary>Share of the raw classifier's MACs the embedding classifier saves (the paper reports over 96 %).</summary>
    public double MacReduction => 1 - (double)MacsEmbedding / MacsRaw;
}
