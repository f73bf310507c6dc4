using System.Text.Json;
using MaLAM4Com.Cli.Commands;
using MaLAM4Com.Tests.Tracing;

namespace MaLAM4Com.Tests.Cli;

public sealed class TraceCommandTests : IDisposable
{
    private readonly SampleTrace _trace = new();
    private readonly StringWriter _out = new() { NewLine = "\n" };
    private readonly StringWriter _err = new() { NewLine = "\n" };

    public void Dispose() => _trace.Dispose();

    private int Run(params string[] args) => CommandLine.Run(args, _out, _err);

    [Fact]
    public void AnUnknownOptionIsAUsageErrorNamingIt()
    {
        Assert.Equal(2, Run("trace", "summary", "--nope"));
        Assert.Contains("error: Unrecognized command or argument '--nope'", _err.ToString());
        Assert.Equal("", _out.ToString());
    }

    [Fact]
    public void ExportingOntoTheTraceItselfIsRefusedAndLeavesItAsItWas()
    {
        var before = File.ReadAllText(_trace.Path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _trace.Path);
        Assert.Equal(2, Run("trace", "export", _trace.Path, "--chrome", relative));
        Assert.Equal($"error: --chrome '{relative}': it is the trace being exported, which this command reads and must not replace; give another file\n", _err.ToString());
        Assert.Equal(before, File.ReadAllText(_trace.Path));
        Assert.Equal(["trace.jsonl"], Directory.EnumerateFiles(_trace.Directory).Select(Path.GetFileName));
    }

    [Fact]
    public void AFailedExportLeavesNoPartialFile()
    {
        var broken = Path.Combine(_trace.Directory, "broken.jsonl");
        File.WriteAllLines(broken, [File.ReadLines(_trace.Path).First(), "not json"]);
        var chrome = Path.Combine(_trace.Directory, "broken.chrome.json");
        Assert.Equal(1, Run("trace", "export", broken, "--chrome", chrome));
        Assert.Contains("line 2: not a trace record", _err.ToString());
        Assert.Equal(["broken.jsonl", "trace.jsonl"], Directory.EnumerateFiles(_trace.Directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void AMissingFileIsAUsageError()
    {
        var missing = Path.Combine(_trace.Directory, "absent.jsonl");
        Assert.Equal(2, Run("trace", "summary", missing));
        Assert.Equal($"error: trace file '{missing}' does not exist\n", _err.ToString());
    }

    [Theory]
    [InlineData("--from", "soon", "--from 'soon' is not a time")]
    [InlineData("--outcome", "lost", "--outcome 'lost' is not one of")]
    [InlineData("--format", "xml", "xml")]
    public void BadFilterValuesAreUsageErrors(string option, string value, string expected)
    {
        Assert.Equal(2, Run("trace", "filter", _trace.Path, option, value));
        Assert.Contains(expected, _err.ToString());
    }

    [Theory]
    [InlineData("summary --top -1", "--top must be at least 1, got -1")]
    [InlineData("summary --top 0", "--top must be at least 1, got 0")]
    [InlineData("follow --message 1 --max -1", "--max must be at least 1, got -1")]
    [InlineData("filter --from 2s --to 1s", "--from '2s' is after --to '1s': no record could match; give --to at or after --from")]
    [InlineData("filter --to=-1s", "--to '-1s' is not a time: a non-negative simulated time (examples: 10s, 250ms, 1500us)")]
    public void NegativeCountsAndBackwardWindowsAreRefusedInOneLine(string args, string expected)
    {
        var words = args.Split(' ');
        Assert.Equal(2, Run(["trace", words[0], _trace.Path, .. words[1..]]));
        Assert.Equal($"error: {expected}\n", _err.ToString());
        Assert.Equal("", _out.ToString());
    }

    [Fact]
    public void AMalformedTraceFailsWithItsLineAndNoStackTrace()
    {
        var path = Path.Combine(_trace.Directory, "bad.jsonl");
        File.WriteAllText(path, "{\"t\":1,\"ev\":\"fault\",\"name\":\"x\",\"detail\":\"y\",\"entity\":null}\nnot json\n");
        Assert.Equal(1, Run("trace", "summary", path));
        Assert.StartsWith($"error: {path}, line 2: not a trace record", _err.ToString());
        Assert.DoesNotContain(" at ", _err.ToString());
    }

    [Fact]
    public void SummaryPrintsTheTables()
    {
        Assert.Equal(0, Run("trace", "summary", _trace.Path, "--top", "1"));
        var text = _out.ToString();
        Assert.StartsWith("Records: 60 ", text);
        Assert.Contains("Top links by drops", text);
        Assert.Contains("agent-1 -> edge-0", text);
        Assert.DoesNotContain("agent-3 -> edge-1", text);
    }

    [Fact]
    public void FilterPrintsMatchingRecordsAsJsonLines()
    {
        Assert.Equal(0, Run("trace", "filter", _trace.Path, "--agent", "a-3", "--type", "Embedding", "--from", "1s", "--to", "1010ms", "--outcome", "dropped"));
        var line = Assert.Single(_out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var doc = JsonDocument.Parse(line);
        Assert.Equal("drop", doc.RootElement.GetProperty("ev").GetString());
        Assert.Equal("agent-3", doc.RootElement.GetProperty("from").GetString());
        Assert.Equal("loss-burst", doc.RootElement.GetProperty("reason").GetString());
        Assert.Contains(line, File.ReadLines(_trace.Path));
    }

    [Fact]
    public void FilterPrintsATableOnRequest()
    {
        Assert.Equal(0, Run("trace", "filter", _trace.Path, "--outcome", "fault", "--format", "table"));
        var lines = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("link-down", lines[1]);
        Assert.Contains("(network)", lines[2]);
    }

    [Fact]
    public void FollowPrintsTheTreeAndRejectsUnknownIds()
    {
        var id = _trace.IdOf("Aggregate", "edge-1", "cloud", 0);
        Assert.Equal(0, Run("trace", "follow", _trace.Path, "--message", id.ToString()));
        Assert.StartsWith($"Causal chain of message {id}: 3 ancestor(s), 0 descendant(s)\n", _out.ToString());
        Assert.Contains($"      * {id} Aggregate edge-1 -> cloud", _out.ToString());
        Assert.Equal(2, Run("trace", "follow", _trace.Path, "--message", "7"));
        Assert.Contains($"error: message 7 is not in '{_trace.Path}'", _err.ToString());
    }

    [Fact]
    public void ExportWritesChromeJson()
    {
        var target = Path.Combine(_trace.Directory, "out", "chrome.json");
        Assert.Equal(0, Run("--quiet", "trace", "export", _trace.Path, "--chrome", target));
        Assert.Equal($"wrote 116 events to {target}\n", _out.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllBytes(target));
        Assert.Equal(116, doc.RootElement.GetProperty("traceEvents").GetArrayLength());
        Assert.False(File.Exists(target + ".partial"));
    }

    /// <summary>Every command and subcommand of the program, as its path of names.</summary>
    public static TheoryData<string[]> AllCommands()
    {
        var data = new TheoryData<string[]>();
        void Walk(System.CommandLine.Command command, string[] path)
        {
            foreach (var sub in command.Subcommands)
            {
                string[] next = [.. path, sub.Name];
                data.Add(next);
                Walk(sub, next);
            }
        }
        Walk(CommandLine.Build(), []);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void HelpShowsExamples(params string[] command)
    {
        Assert.Equal(0, Run([.. command, "--help"]));
        var help = _out.ToString();
        Assert.Contains("Example", help);
        Assert.Contains($"malam4com {string.Join(' ', command)} ", help);
        Assert.Contains("--quiet", help);
    }
}
