using MaLAM4Com.Engine.Clock;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Links;

namespace MaLAM4Com.Engine.Tests.Kernel;

public sealed class ClockTests
{
    // Link: 1 ms propagation, 8 Mbit/s, so a 100-byte note takes 1 ms + 100 us.
    private const long Delay = 1_100;

    [Fact]
    public void MessagesArriveAtSendTimePlusLinkDelay()
    {
        var run = ScriptRun.Execute(2, (e, h) =>
        {
            if (e.Index == 0 && h.Label == "start")
                e.Tell(1, "ping");
            if (e.Index == 1 && h.Label == "ping")
                e.Tell(0, "pong");
        });
        Assert.Equal(new Handled(1, Delay, 0, "ping"), run.Of(1).Single(h => h.Label == "ping"));
        Assert.Equal(new Handled(0, 2 * Delay, 1, "pong"), run.Of(0).Single(h => h.Label == "pong"));
    }

    [Fact]
    public void SimultaneousArrivalsAreHandledBySenderThenSenderCounter()
    {
        // Entities 3, 1 and 2 each send two notes to entity 0 at time 0: all six arrive at the same time.
        var run = ScriptRun.Execute(4, (e, h) =>
        {
            if (e.Index != 0 && h.Label == "start")
            {
                e.Tell(0, $"{e.Index}-a");
                e.Tell(0, $"{e.Index}-b");
            }
        }, partitions: 3);
        var received = run.Of(0).Where(h => h.Label != "start").ToList();
        Assert.All(received, h => Assert.Equal(Delay, h.TimeUs));
        Assert.Equal(["1-a", "1-b", "2-a", "2-b", "3-a", "3-b"], received.Select(h => h.Label));
    }

    [Fact]
    public void TimersFireInTimeOrderInsideAndBeyondTheWindow()
    {
        var run = ScriptRun.Execute(1, (e, h) =>
        {
            if (h.Label == "start")
            {
                e.Timer(5_000, "t5000");
                e.Timer(300, "t300");
                e.Timer(0, "t0");
                e.Timer(2_500, "t2500");
            }
            if (h.Label == "t300")
                e.Timer(400, "t400-from-t300");
        });
        var fired = run.Of(0).Skip(1).ToList();
        Assert.Equal(["t0", "t300", "t400-from-t300", "t2500", "t5000"], fired.Select(h => h.Label));
        Assert.Equal([0L, 300, 400, 2_500, 5_000], fired.Select(h => h.TimeUs));
    }

    [Fact]
    public void ATimerAndAMessageAtTheSameTimeAreOrderedBySender()
    {
        // Entity 1's timer and entity 0's note both reach entity 1 at 1100 us; sender 0 sorts before 1 (the timer's owner).
        var run = ScriptRun.Execute(2, (e, h) =>
        {
            if (h.Label != "start")
                return;
            if (e.Index == 0)
                e.Tell(1, "note");
            else
                e.Timer(Delay, "timer");
        });
        Assert.Equal(["start", "note", "timer"], run.Of(1).Select(h => h.Label));
    }

    [Fact]
    public void EachEntityHandlesItsEventsInNonDecreasingTime()
    {
        var run = ScriptRun.Execute(20, (e, h) =>
        {
            if (e.State++ < 30)
                e.Tell((e.Index * 7 + e.State) % 20, "hop");
        }, new RandomDelayLinkModel(3, 1_000, 9_000, 1e9));
        foreach (var g in run.Log.GroupBy(h => h.Entity))
        {
            var times = g.Select(h => h.TimeUs).ToList();
            Assert.Equal(times.Order(), times);
        }
        Assert.True(run.Log.Count > 100);
    }

    [Fact]
    public void TheRunStopsAtTheEndTimeAndCountsWhatIsStillPending()
    {
        var run = ScriptRun.Execute(2, (e, h) => e.Tell(1 - e.Index, "again"), endUs: 50_000);
        Assert.All(run.Log, h => Assert.True(h.TimeUs < 50_000));
        Assert.Equal(2, run.Result.PendingAtEnd);
        Assert.Equal(run.Log.Count - 2, run.Result.Counters.Delivered);
    }

    [Theory]
    [InlineData(1_001)]
    [InlineData(1_500)]
    [InlineData(50_999)]
    public void AnEndTimeInsideALookaheadWindowCutsTheLastWindowThere(long endUs)
    {
        // Timers every 300 us and notes every 1.1 ms: the last slot holds events on both sides of the end.
        static void Script(ScriptedEntity e, Handled h)
        {
            if (h.Label is "start" or "tick")
                e.Timer(e.Time + 300, "tick");
            if (h.Label is "start" or "note")
                e.Tell(1 - e.Index, "note");
        }
        var cut = ScriptRun.Execute(2, Script, endUs: endUs);
        var longer = ScriptRun.Execute(2, Script, endUs: 60_000);
        static IEnumerable<Handled> Ordered(ScriptRun run) => run.Log.OrderBy(h => h.TimeUs).ThenBy(h => h.Entity).ThenBy(h => h.Label, StringComparer.Ordinal);
        Assert.Equal(Ordered(longer).Where(h => h.TimeUs < endUs), Ordered(cut));
        Assert.True(cut.Result.PendingAtEnd > 0);
    }

    [Fact]
    public void ATimerInThePastStopsTheRunWithTheEntityNamed()
    {
        var error = Assert.Throws<SimulationFailedException>(() => ScriptRun.Execute(2, (e, h) =>
        {
            if (e.Index == 1 && h.Label == "start")
                e.Timer(-5, "never");
        }));
        Assert.Contains("ScriptedEntity 1", error.Message);
        Assert.Contains("timer set in the past", error.Message);
    }

    [Fact]
    public void ASendToAnEntityThatDoesNotExistStopsTheRun()
    {
        var error = Assert.Throws<SimulationFailedException>(() => ScriptRun.Execute(2, (e, h) =>
        {
            if (e.Index == 0 && h.Label == "start")
                e.Tell(9, "lost");
        }));
        Assert.Contains("entity 9, which does not exist", error.Message);
    }

    [Fact]
    public void ClockWindowsAreAlignedToTheLookaheadAndSkipIdleTime()
    {
        var clock = new SimulationClock(1_000, 100_000, []);
        Assert.True(clock.TryAdvance(0));
        Assert.Equal((0L, 1_000L), (clock.WindowStartUs, clock.WindowEndUs));
        Assert.True(clock.TryAdvance(42_345));
        Assert.Equal((42_000L, 43_000L), (clock.WindowStartUs, clock.WindowEndUs));
        Assert.Throws<InvalidOperationException>(() => clock.TryAdvance(42_999));
        Assert.True(clock.TryAdvance(99_999));
        Assert.Equal(100_000L, clock.WindowEndUs);
        Assert.False(clock.TryAdvance(100_000));
    }
}
