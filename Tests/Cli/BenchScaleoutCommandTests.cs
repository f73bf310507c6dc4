using System.Text.Json;
using MaLAM4Com.Cli.Bench;
using MaLAM4Com.Cli.Commands;

namespace MaLAM4Com.Tests.Cli;

public sealed class BenchScaleoutCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-bench-scaleout-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void ScaleoutTimesOneProcessAndEachClusterAndFindsTheirTracesIdentical()
    {
        var why = ScaleoutBenchmark.Unsupported();
        Skip.If(why is not null, why);
        string json = Path.Combine(_dir, "scaleout.json");
        var traces = Path.Combine(_dir, "runs");
        var (code, _, err) = Cli.Run("bench", "scaleout", "--agents", "200", "--agents-per-edge", "100", "--rounds", "2", "--members", "1,2", "--trace", "on",
            "--trace-dir", traces, "--json", json, "--quiet");
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.StartsWith("malam4com bench scaleout", root.GetProperty("command").GetString());
        Assert.True(root.GetProperty("cores").GetInt32() >= 2);
        var population = root.GetProperty("200");
        Assert.False(population.TryGetProperty("untraced", out _));
        var traced = population.GetProperty("traced");
        Assert.True(traced.GetProperty("one_core_s").GetDouble() > 0);
        Assert.True(traced.GetProperty("one_core_process_s").GetDouble() > 0);
        foreach (var m in new[] { "1", "2" })
        {
            var member = traced.GetProperty("members").GetProperty(m);
            Assert.True(member.GetProperty("wall_s").GetDouble() > 0);
            Assert.True(member.GetProperty("process_wall_s").GetDouble() > 0);
            Assert.Equal(traced.GetProperty("one_core_s").GetDouble() / member.GetProperty("wall_s").GetDouble(), traced.GetProperty($"speedup_{m}").GetDouble(), 9);
            Assert.Equal(traced.GetProperty($"speedup_{m}").GetDouble(), population.GetProperty($"speedup_{m}_traced").GetDouble());
        }
        // The bench compares the merged traces of both clusters with the one process's trace itself.
        Assert.True(traced.GetProperty("traces_identical").GetBoolean());
        Assert.Equal(64, traced.GetProperty("trace_sha256").GetString()!.Length);
        Assert.Empty(Directory.GetFileSystemEntries(traces));
    }

    [Theory]
    [InlineData("--members", "0", "--members: '0' is not a positive whole number")]
    [InlineData("--agents", "150", "--agents: 150 is not a multiple of --agents-per-edge (100)")]
    [InlineData("--trace", "sometimes", "--trace must be both, on, off, got 'sometimes'")]
    public void ScaleoutRefusesABadValueBeforeItStarts(string option, string value, string expected)
    {
        var options = new Dictionary<string, string> { ["--agents"] = "200", ["--agents-per-edge"] = "100", ["--trace-dir"] = Path.Combine(_dir, "runs") };
        options[option] = value;
        var (code, _, err) = Cli.Run(["bench", "scaleout", .. options.SelectMany(o => new[] { o.Key, o.Value })]);
        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains(expected, Assert.Single(err.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n')));
        Assert.False(Directory.Exists(Path.Combine(_dir, "runs")));
    }
}
