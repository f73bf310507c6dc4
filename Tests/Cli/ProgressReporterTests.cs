using MaLAM4Com.Cli.Commands;

namespace MaLAM4Com.Tests.Cli;

public sealed class ProgressReporterTests : IDisposable
{
    private readonly StringWriter _output = new() { NewLine = "\n" };

    public void Dispose() => _output.Dispose();
    private readonly ManualTime _time = new();

    private string[] Lines() => _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void PlainModeWritesAtMostOneLineASecondWithEta()
    {
        var progress = new ProgressReporter(_output, ProgressMode.Plain, _time);
        for (int round = 1; round <= 10; round++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(600));
            progress.Step(round, 10, "round");
        }
        progress.Done();
        Assert.Equal(
        [
            "round 2/10 (20%), elapsed 0:01, eta 0:04",
            "round 4/10 (40%), elapsed 0:02, eta 0:03",
            "round 6/10 (60%), elapsed 0:03, eta 0:02",
            "round 8/10 (80%), elapsed 0:04, eta 0:01",
            "round 10/10 (100%), elapsed 0:06",
        ], Lines());
    }

    [Fact]
    public void BytesAreShownInMebibytes()
    {
        var progress = new ProgressReporter(_output, ProgressMode.Plain, _time);
        _time.Advance(TimeSpan.FromSeconds(3));
        progress.StepBytes(3 << 20, 12 << 20, "reading trace");
        Assert.Equal(["reading trace 3.0 MiB/12.0 MiB (25%), elapsed 0:03, eta 0:09"], Lines());
    }

    [Fact]
    public void ANewLabelCountsItsElapsedTimeAndEtaFromTheEndOfThePhaseBefore()
    {
        var progress = new ProgressReporter(_output, ProgressMode.Plain, _time);
        _time.Advance(TimeSpan.FromMinutes(4));
        progress.Step(20, 20, "round");
        _time.Advance(TimeSpan.FromSeconds(2));
        progress.StepBytes(1 << 20, 4 << 20, "Chrome trace");
        Assert.Equal(["round 20/20 (100%), elapsed 4:00", "Chrome trace 1.0 MiB/4.0 MiB (25%), elapsed 0:02, eta 0:06"], Lines());
        // A plain line (a run prints its rounds as lines) ends what came before it too.
        _time.Advance(TimeSpan.FromMinutes(1));
        progress.Line("round 20/20");
        _time.Advance(TimeSpan.FromSeconds(3));
        progress.StepBytes(1 << 20, 2 << 20, "Parquet trace");
        Assert.Equal("Parquet trace 1.0 MiB/2.0 MiB (50%), elapsed 0:03, eta 0:03", Lines()[^1]);
    }

    [Fact]
    public void WorkThatEndsWithinASecondPrintsNothing()
    {
        var progress = new ProgressReporter(_output, ProgressMode.Plain, _time);
        for (int i = 1; i <= 100; i++)
            progress.Step(i, 100, "step");
        progress.Done();
        Assert.Equal("", _output.ToString());
    }

    [Fact]
    public void QuietModeWritesNothingEvenForSlowWorkOrLines()
    {
        var progress = new ProgressReporter(_output, ProgressMode.Quiet, _time);
        for (int i = 1; i <= 3; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            progress.Step(i, 3, "round");
        }
        progress.Line("checkpoint written");
        progress.Done();
        Assert.Equal("", _output.ToString());
    }

    [Fact]
    public void PlainLinesInterleaveWithMessages()
    {
        var progress = new ProgressReporter(_output, ProgressMode.Plain, _time);
        _time.Advance(TimeSpan.FromSeconds(2));
        progress.Step(1, 0, "events");
        progress.Line("checkpoint written");
        Assert.Equal(["events 1, elapsed 0:02", "checkpoint written"], Lines());
    }

    [Fact]
    public void BarModeRedrawsOneLineAndEndsItOnDone()
    {
        var progress = new ProgressReporter(_output, ProgressMode.Bar, _time);
        _time.Advance(TimeSpan.FromSeconds(1));
        progress.Step(1, 2, "round");
        _time.Advance(TimeSpan.FromSeconds(1));
        progress.Step(2, 2, "round");
        progress.Done();
        var text = _output.ToString();
        Assert.Equal(2, text.Count(c => c == '\r'));
        Assert.EndsWith("\n", text);
        Assert.Single(Lines());
        Assert.Contains("[###############...............] round 1/2 (50%), elapsed 0:01, eta 0:01", text);
        Assert.Contains("[##############################] round 2/2 (100%), elapsed 0:02", text);
    }

    [Theory]
    [InlineData(new[] { "--quiet", "report", "." }, true)]
    [InlineData(new[] { "report", ".", "-q" }, true)]
    [InlineData(new[] { "report", "." }, false)]
    public void ForReadsTheGlobalQuietOption(string[] args, bool quiet)
    {
        var parsed = CommandLine.Build().Parse(args);
        Assert.Empty(parsed.Errors);
        Assert.Equal(quiet, ProgressReporter.For(parsed).Mode == ProgressMode.Quiet);
    }
}
