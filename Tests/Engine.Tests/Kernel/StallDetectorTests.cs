using MaLAM4Com.Engine.Kernel;
using static MaLAM4Com.Engine.Kernel.KernelMessages;

namespace MaLAM4Com.Engine.Tests.Kernel;

/// <summary>A long window whose partitions say they are working is not a stall; one where nothing moves is.</summary>
public sealed class StallDetectorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // The clock answers every poll, always waiting for window 0's ready report.
    private static Status Waiting => new(1, false, "window 0 waits for the ready report of partition 0");

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void ALongWindowWhosePartitionSaysItIsWorkingIsNotAStall()
    {
        var detector = new StallDetector(Timeout, S(0));
        Assert.False(detector.Stalled(S(1), Waiting, 0));
        long alive = 0;
        // Five minutes of one window, a word from the partition every 10 s.
        for (int t = 10; t <= 300; t += 10)
            Assert.False(detector.Stalled(S(t), Waiting, ++alive), $"stalled at {t}s");
        // Then the partition falls silent (lost with its member): a stall once the timeout has passed.
        Assert.False(detector.Stalled(S(359), Waiting, alive));
        Assert.True(detector.Stalled(S(360), Waiting, alive));
    }

    [Fact]
    public void ALongWindowWithoutAWordFromItsPartitionsIsAStall()
    {
        var detector = new StallDetector(Timeout, S(0));
        Assert.False(detector.Stalled(S(1), Waiting, 0));
        Assert.False(detector.Stalled(S(60), Waiting, 0));
        Assert.True(detector.Stalled(S(61), Waiting, 0));
    }

    [Fact]
    public void ClockReportsRecoveryAndSilenceCount()
    {
        var detector = new StallDetector(Timeout, S(0));
        Assert.False(detector.Stalled(S(50), new Status(1, false, ""), 0));
        Assert.False(detector.Stalled(S(100), new Status(2, false, ""), 0));
        // Re-creating lost partitions has its own deadline: no stall while it lasts.
        Assert.False(detector.Stalled(S(500), new Status(2, true, ""), 0));
        // A clock too busy to answer is not progress.
        Assert.True(detector.Stalled(S(560), null, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StallDetector(TimeSpan.Zero, S(0)));
    }
}
