using MaLAM4Com.Models;
using static TorchSharp.torch;

namespace MaLAM4Com.Tests.Models;

public sealed class FreshPretrainingSamplesTests
{
    [Fact]
    public void EachEpochDrawsTheNextUnseenIndicesOfEveryRegionAndRepeatsThemOnRequest()
    {
        using var fresh = new EpochIds();
        var first = fresh.Ids(0);
        Assert.Equal([1005, 1006, 1007, 2005, 2006, 2007], first.Order());
        Assert.Equal([1008, 1009, 1010, 2008, 2009, 2010], fresh.Ids(1).Order());
        Assert.Equal(first, fresh.Ids(0));
    }

    /// <summary>Regions 1 and 2, 3 samples per region and epoch after 5 held-out indices; sample i of region r carries 1000 r + i.</summary>
    private sealed class EpochIds : IDisposable
    {
        private readonly FreshPretrainingSamples samples = new(new IndexChannels(), [1, 2], samplesPerRegion: 3, firstIndex: 5);

        public int[] Ids(int epoch) => samples.ForEpoch(epoch).Target[.., 0, 0].data<float>().Select(v => (int)v).ToArray();

        public void Dispose() => samples.Dispose();
    }

    private sealed class IndexChannels : IChannelSource
    {
        public string Identity => "index";

        public ChannelDataset Sample(int region, long firstIndex, int count)
        {
            var ids = arange(firstIndex, firstIndex + count, float32) + 1000 * region;
            var h = ids.reshape(count, 1, 1).expand(count, ChannelLayout.Antennas, ChannelLayout.TokenWidth).contiguous();
            return new ChannelDataset(h, h.clone());
        }
    }
}
