using System.Security.Cryptography;
using MaLAM4Com.Engine.Cli;

namespace MaLAM4Com.Tests.Cli;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string[] Small(string name) =>
    [
        "run", "--config", Path.Combine(Config.SettingsLoaderTests.RepoRoot(), "config.hocon"),
        "--out", Path.Combine(_dir, name),
        "--set", "scenario.rounds=4", "--set", $"trace.path={Path.Combine(_dir, name, "trace.jsonl")}",
        "--set", $"trace.chrome={Path.Combine(_dir, name, "trace.chrome.json")}",
        "--fault", "crash:agent-3@1500ms-2500ms:restore",
    ];

    [Fact]
    public void TheDefaultScenarioRunsPrintsRoundsAndIsReproducible()
    {
        var first = Run(Small("a"));
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("round    1/4", first.Err);
        Assert.Contains("chrome trace:", first.Out);
        Assert.Contains("crashed", File.ReadAllText(Path.Combine(_dir, "a", "trace.jsonl")));
        Assert.True(File.Exists(Path.Combine(_dir, "a", "summary.json")));
        Assert.Contains("| messages sent |", File.ReadAllText(Path.Combine(_dir, "a", "summary.md")));
        Assert.Equal(0, Run(Small("b")).Code);
        Assert.Equal(Hash(Path.Combine(_dir, "a", "trace.jsonl")), Hash(Path.Combine(_dir, "b", "trace.jsonl")));
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void BadInputExitsWithCodeTwoAndNamesTheProblem()
    {
        var missing = Run("run", "--config", Path.Combine(_dir, "absent.hocon"));
        Assert.Equal((2, true), (missing.Code, missing.Err.Contains("absent.hocon' not found")));
        var badKey = Run([.. Small("c"), "--set", "kernel.thread=4"]);
        Assert.Equal((2, true), (badKey.Code, badKey.Err.Contains("'kernel.thread'")));
        var unknownNode = Run([.. Small("d"), "--fault", "crash:agent-999@1s"]);
        Assert.Equal((2, true), (unknownNode.Code, unknownNode.Err.Contains("agent-999")));
        var option = Run("run", "--frobnicate");
        Assert.Equal((2, true), (option.Code, option.Err.Contains("--frobnicate")));
        var trace = Run([.. Small("e"), "--set", "trace.path=/proc/nowhere/trace.jsonl"]);
        Assert.Equal((2, true), (trace.Code, trace.Err.Contains("trace.path")));
        Assert.False(Directory.Exists(Path.Combine(_dir, "e")), "a run that failed before starting must leave no output");
    }
}
