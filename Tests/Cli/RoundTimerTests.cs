using MaLAM4Com.Cli.Scenarios;

namespace MaLAM4Com.Tests.Cli;

public sealed class RoundTimerTests
{
    [Fact]
    public void ARoundEndsWhenAWindowPassesItsEndAndNoRoundBeyondTheConfiguredOnesIsTimed()
    {
        var timer = new RoundTimer(roundPeriodUs: 1000, rounds: 3);
        Assert.Equal(0, timer.Observe(999, 1.0));
        Assert.Equal(1, timer.Observe(1000, 2.5));
        // One long window can end two rounds at once.
        Assert.Equal(2, timer.Observe(3500, 4.0));
        Assert.Equal(0, timer.Observe(5000, 9.0));
        Assert.Equal([2.5, 4.0, 4.0], timer.Ends);
        Assert.Equal([2.0, 1.5, 0.0], timer.Durations(startSeconds: 0.5));
    }

    [Fact]
    public void TheEtaIsTheRemainingRoundsAtTheRoundsOwnPaceNotTheSetupBeforeThem()
    {
        var timer = new RoundTimer(roundPeriodUs: 1000, rounds: 4);
        // The rounds began at 100 s (after a long setup); nothing is known before the first one ends.
        Assert.Null(timer.Eta(startSeconds: 100, nowSeconds: 101));
        // The first round also did one-time work (10 s); with only it ended, its pace is all there is.
        timer.Observe(1000, 110);
        Assert.Equal(30.0, timer.Eta(startSeconds: 100, nowSeconds: 110));
        timer.Observe(2000, 112);
        // From the second round on, the pace is that of the rounds after the first: two left at 2 s each, less the
        // second already spent since the last one ended.
        Assert.Equal(3.0, timer.Eta(startSeconds: 100, nowSeconds: 113));
        Assert.Equal(0.0, timer.Eta(startSeconds: 100, nowSeconds: 200));
    }
}
