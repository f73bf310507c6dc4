using MaLAM4Com.Engine.Kernel;

namespace MaLAM4Com.Engine.Tests.Kernel;

public sealed class LongestWindowsTests
{
    [Fact]
    public void KeepsTheLongestWindowsLongestFirstAndTheEarlierOnATie()
    {
        var longest = new LongestWindows();
        double[] walls = [0.1, 0.7, 0.3, 0.7, 0.05, 0.9, 0.2, 0.3, 0.01];
        for (int w = 0; w < walls.Length; w++)
            longest.Add(new WindowWall(w, w * 1_000, (w + 1) * 1_000, walls[w]));

        Assert.Equal([5, 1, 3, 2, 7], longest.Longest.Select(x => (int)x.Window));
        Assert.Equal([0.9, 0.7, 0.7, 0.3, 0.3], longest.Longest.Select(x => x.Seconds));
    }

    [Fact]
    public void AShortRunKeepsEveryWindow()
    {
        var longest = new LongestWindows();
        longest.Add(new WindowWall(0, 0, 1_000, 0.2));
        longest.Add(new WindowWall(1, 1_000, 2_000, 0.4));

        Assert.Equal([1, 0], longest.Longest.Select(x => (int)x.Window));
    }

    [Fact]
    public void ARunNamesTheWindowItsEntitiesWorkedLongestIn()
    {
        // Every entity works a while at 20 ms and briefly at 5 ms: the window holding 20 ms is the run's longest.
        var run = ScriptRun.Execute(4, (e, h) =>
        {
            if (h.Label == "start")
            {
                e.Timer(5_000, "brief");
                e.Timer(20_000, "long");
            }
            else if (h.Label == "long")
            {
                Thread.Sleep(150);
            }
        }, endUs: 50_000);

        var longest = run.Result.LongestWindows;
        Assert.Equal(Math.Min(LongestWindows.Capacity, run.Result.Windows), longest.Count);
        Assert.InRange(20_000, longest[0].StartUs, longest[0].EndUs - 1);
        Assert.InRange(longest[0].Seconds, 0.15, run.Result.Wall.TotalSeconds);
        Assert.Equal(longest.OrderByDescending(w => w.Seconds).Select(w => w.Window), longest.Select(w => w.Window));
        Assert.Equal(longest.Count, longest.Select(w => w.Window).Distinct().Count());
        Assert.True(longest.Sum(w => w.Seconds) <= run.Result.Wall.TotalSeconds, $"windows {longest.Sum(w => w.Seconds)} s in a run of {run.Result.Wall.TotalSeconds} s");
    }
}
