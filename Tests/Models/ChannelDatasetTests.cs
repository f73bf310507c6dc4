using MaLAM4Com.Models;
using static TorchSharp.torch;

namespace MaLAM4Com.Tests.Models;

public sealed class ChannelDatasetTests
{
    [Fact]
    public void SplitCutsEightToOneToOneWithoutOverlapAndRepeatsForASeed()
    {
        // Sample i carries the value i everywhere, so split membership can be read back.
        using var ids = arange(100, float32).reshape(100, 1, 1).expand(100, ChannelLayout.Antennas, ChannelLayout.TokenWidth).contiguous();
        using var data = new ChannelDataset(ids, ids.clone());
        var (train, validation, test) = data.Split(0.8, 0.1, seed: 5);
        var (again, _, _) = data.Split(0.8, 0.1, seed: 5);
        int[] Members(ChannelDataset d) => d.Input[.., 0, 0].data<float>().Select(v => (int)v).ToArray();
        Assert.Equal((80, 10, 10), (train.Count, validation.Count, test.Count));
        Assert.Equal(Enumerable.Range(0, 100), Members(train).Concat(Members(validation)).Concat(Members(test)).Order());
        Assert.Equal(Members(train), Members(again));
    }

    [Fact]
    public void TensorsOfTheWrongShapeAreRefused()
    {
        using var wrong = zeros(2, 16, 64);
        Assert.Throws<ArgumentException>(() => new ChannelDataset(wrong, wrong));
    }
}
