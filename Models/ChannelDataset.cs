using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>
/// Channel samples as tensors shaped [N, 32, 64] (<see cref="ChannelLayout"/>): the coarse estimate
/// <see cref="Input"/> (H_in), the true channel <see cref="Target"/> (H), and optionally a
/// precomputed frozen term <see cref="Base"/> added to a trainable network's output
/// (see <see cref="ResidualEstimator"/>). Owns its tensors.
/// </summary>
public sealed class ChannelDataset : ITrainingSamples
{
    public Tensor Input { get; }
    public Tensor Target { get; }
    public Tensor? Base { get; }

    public ChannelDataset(Tensor input, Tensor target, Tensor? baseTerm = null)
    {
        if (input.ndim != 3 || input.shape[1] != ChannelLayout.Antennas || input.shape[2] != ChannelLayout.TokenWidth)
            throw new ArgumentException($"Channel tensors must be [N, {ChannelLayout.Antennas}, {ChannelLayout.TokenWidth}]; got [{string.Join(", ", input.shape)}].");
        if (!target.shape.SequenceEqual(input.shape) || (baseTerm is not null && !baseTerm.shape.SequenceEqual(input.shape)))
            throw new ArgumentException("Input, target and base tensors must have the same shape.");
        Input = input;
        Target = target;
        Base = baseTerm;
    }

    public int Count => (int)Input.shape[0];

    /// <summary>A fixed training set: the same samples every epoch.</summary>
    public ChannelDataset ForEpoch(int epoch) => this;

    /// <summary>The samples at <paramref name="indices"/>, as new tensors.</summary>
    public ChannelDataset Select(Tensor indices) =>
        new(Input.index_select(0, indices), Target.index_select(0, indices), Base?.index_select(0, indices));

    /// <summary>The same samples (copied) with <paramref name="baseTerm"/> as their frozen term, taking ownership of it.</summary>
    public ChannelDataset WithBase(Tensor? baseTerm) => new(Input.clone(), Target.clone(), baseTerm);

    /// <summary>Shuffles with <paramref name="seed"/> and cuts train, validation and test parts in the given shares; the test part takes the rest (and may be empty).</summary>
    public (ChannelDataset Train, ChannelDataset Validation, ChannelDataset Test) Split(double trainShare, double validationShare, int seed)
    {
        int train = (int)Math.Round(Count * trainShare), validation = (int)Math.Round(Count * validationShare);
        if (train < 1 || validation < 1 || train + validation > Count)
            throw new ArgumentException($"Cannot split {Count} samples into {trainShare}:{validationShare}:rest with train and validation non-empty.");
        var order = Permutation(Count, seed);
        return (Take(order, 0, train), Take(order, train, validation), Take(order, train + validation, Count - train - validation));
    }

    public static ChannelDataset Concat(IReadOnlyList<ChannelDataset> parts)
    {
        bool withBase = parts.All(p => p.Base is not null);
        return new ChannelDataset(
            cat(parts.Select(p => p.Input).ToArray(), 0),
            cat(parts.Select(p => p.Target).ToArray(), 0),
            withBase ? cat(parts.Select(p => p.Base!).ToArray(), 0) : null);
    }

    /// <summary>Samples <paramref name="firstIndex"/> .. firstIndex + <paramref name="perRegion"/> - 1 of every region, concatenated in region order.</summary>
    public static ChannelDataset Sample(IChannelSource source, IEnumerable<int> regions, long firstIndex, int perRegion)
    {
        var parts = regions.Select(r => source.Sample(r, firstIndex, perRegion)).ToList();
        try
        {
            return Concat(parts);
        }
        finally
        {
            foreach (var part in parts)
                part.Dispose();
        }
    }

    /// <summary>A seeded permutation of 0..count-1; a C# shuffle keeps the order independent of torch's global generator.</summary>
    public static long[] Permutation(int count, int seed)
    {
        var order = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }

    private ChannelDataset Take(long[] order, int start, int length)
    {
        using var indices = tensor(order[start..(start + length)]);
        return Select(indices);
    }

    public void Dispose()
    {
        Input.Dispose();
        Target.Dispose();
        Base?.Dispose();
    }
}
