using MaLAM4Com.Models;
using static TorchSharp.torch;

namespace MaLAM4Com.Tests.Models;

/// <summary>
/// Tiny stand-in data for model tests: each channel is a random mix of a few basis matrices shared by
/// all regions and a few that belong to its region alone, so regions differ and learning is possible.
/// The coarse estimate keeps only the part of vec(H) in a fixed random subspace of dimension
/// rho * 2048, as pinv(A) A vec(H) does. Samples have unit average power per complex entry.
/// </summary>
public sealed class SyntheticChannels : IChannelSource, IDisposable
{
    private const int SharedRank = 4;
    private const int RegionRank = 3;
    private readonly Tensor shared, projection;

    public SyntheticChannels(double rho = 0.25, int seed = 7)
    {
        Identity = $"synthetic rho={rho} seed={seed}";
        var g = new Generator((ulong)seed);
        shared = randn([SharedRank, ChannelLayout.RealsPerSample], generator: g);
        int m = (int)(rho * ChannelLayout.RealsPerSample);
        var (q, _) = linalg.qr(randn([ChannelLayout.RealsPerSample, m], generator: g));
        projection = q.matmul(q.t());
    }

    public string Identity { get; }

    /// <summary>A draw of <paramref name="count"/> samples; each <paramref name="firstIndex"/> gives its own draw.</summary>
    public ChannelDataset Sample(int region, long firstIndex, int count) => Region(region, count, seed: (int)firstIndex + 1);

    public ChannelDataset Region(int region, int count, int seed)
    {
        using var scope = NewDisposeScope();
        var regionBasis = randn([RegionRank, ChannelLayout.RealsPerSample], generator: new Generator((ulong)(1000 + region)));
        var g = new Generator((ulong)(seed * 7919 + region));
        var basis = cat([shared, regionBasis * 1.5], 0);
        var h = randn([count, SharedRank + RegionRank], generator: g).matmul(basis);
        h = h / ((h * h).mean([1], keepdim: true) * 2).sqrt();
        var coarse = h.matmul(projection);
        var shape = new long[] { count, ChannelLayout.Antennas, ChannelLayout.TokenWidth };
        return new ChannelDataset(coarse.reshape(shape).MoveToOuterDisposeScope(), h.reshape(shape).MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        shared.Dispose();
        projection.Dispose();
    }
}
