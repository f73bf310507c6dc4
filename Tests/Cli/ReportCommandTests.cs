using MaLAM4Com.Cli.Commands;
using MaLAM4Com.Tests.Tracing;

namespace MaLAM4Com.Tests.Cli;

public sealed class ReportCommandTests : IDisposable
{
    private readonly SampleTrace _trace = new();
    private readonly StringWriter _out = new() { NewLine = "\n" };
    private readonly StringWriter _err = new() { NewLine = "\n" };

    public void Dispose() => _trace.Dispose();

    private int Run(params string[] args) => CommandLine.Run(args, _out, _err);

    [Theory]
    [InlineData("trace.jsonl", "the run's trace")]
    [InlineData("summary.json", "the run's summary")]
    public void AReportOntoAnInputOfTheRunIsRefusedAndLeavesItAsItWas(string input, string named)
    {
        var path = Path.Combine(_trace.Directory, input);
        if (!File.Exists(path))
            File.WriteAllText(path, "{}");
        var before = File.ReadAllText(path);
        var files = Directory.EnumerateFiles(_trace.Directory).Order().ToList();
        Assert.Equal(2, Run("report", _trace.Directory, "-o", path));
        Assert.Equal($"error: --output '{path}': it is {named}, which this command reads and must not replace; give another file\n", _err.ToString());
        Assert.Equal(before, File.ReadAllText(path));
        Assert.Equal(files, Directory.EnumerateFiles(_trace.Directory).Order());
    }

    [Fact]
    public void AFailedReportLeavesNoPartialFile()
    {
        // A --png folder that is a file fails once the page is being written.
        Assert.Equal(1, Run("report", _trace.Directory, "--png", _trace.Path));
        Assert.Equal(["trace.jsonl"], Directory.EnumerateFiles(_trace.Directory).Select(Path.GetFileName));
    }

    [Fact]
    public void AFolderWithNothingToReportIsRefusedAndGetsNoPage()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_trace.Directory, "empty")).FullName;
        Assert.Equal(2, Run("report", empty));
        Assert.Equal($"error: results directory '{empty}' holds none of summary.json, trace.jsonl, trace.parquet: nothing to report; give the --out folder of a run\n", _err.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty));
    }
}
