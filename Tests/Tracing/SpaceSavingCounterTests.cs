using MaLAM4Com.Cli.Tracing;

namespace MaLAM4Com.Tests.Tracing;

public sealed class SpaceSavingCounterTests
{
    [Fact]
    public void CountsExactlyWhileKeysFitTheCapacity()
    {
        var counter = new SpaceSavingCounter<string>(3);
        foreach (var key in "abacabcaa")
            counter.Add(key.ToString());
        Assert.Equal([("a", 5L), ("b", 2L), ("c", 2L)], counter.Top(5).Select(i => (i.Key, i.Count)));
        Assert.False(counter.IsApproximate);
        Assert.Equal(9, counter.Total);
    }

    [Fact]
    public void KeepsHeavyHittersAmongManyRareKeysAndNeverUndercounts()
    {
        // Three keys take a 30th of the stream each, more than total / capacity, so they must survive.
        var counter = new SpaceSavingCounter<int>(64);
        for (int i = 0; i < 10_000; i++)
            counter.Add(i % 10 == 0 ? -(i % 30) : i);
        var top = counter.Top(3);
        Assert.True(counter.IsApproximate);
        Assert.Equal([-20, -10, 0], top.Select(i => i.Key).Order());
        foreach (var item in top)
        {
            Assert.True(item.Count >= 333, $"{item.Key} counted {item.Count}, below its true 333 or 334");
            Assert.True(item.Count - item.Error <= 334);
        }
    }
}
