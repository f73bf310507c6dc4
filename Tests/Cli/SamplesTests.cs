using System.Text.Json;

namespace MaLAM4Com.Tests.Cli;

/// <summary>The method sample, loaded as a user would load it: from config, by its type name.</summary>
public sealed class SamplesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-samples-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private JsonElement RunLite(string name, params string[] sets)
    {
        string[] args =
        [
            "run", "--quiet", "--config", Path.Combine(Config.SettingsLoaderTests.RepoRoot(), "config.hocon"), "--out", Path.Combine(_dir, name),
            "--set", "scenario.learning.fidelity=lite", "--set", "scenario.rounds=5", "--set", "faults.link-down=[]",
            "--set", $"trace.path={Path.Combine(_dir, name, "trace.jsonl")}", "--set", "trace.chrome=\"\"",
            .. sets.SelectMany(s => new[] { "--set", s }),
        ];
        var run = Cli.Run(args);
        Assert.True(run.Code == 0, run.Err);
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, name, "summary.json"))).RootElement;
    }

    // Bytes of the agents' reports after each agent's first (an agent that has taken no global model sends
    // all its weights; late joiners send that first report in a later round), read off the trace.
    private long ReportBytes(string name) => File.ReadLines(Path.Combine(_dir, name, "trace.jsonl"))
        .Select(line => JsonDocument.Parse(line).RootElement)
        .Where(r => r.GetProperty("ev").GetString() == "send" && r.GetProperty("type").GetString() == "KnowledgeReport")
        .GroupBy(r => r.GetProperty("from").GetString())
        .SelectMany(reports => reports.Skip(1))
        .Sum(r => r.GetProperty("bytes").GetInt64());

    [Fact]
    public void TopKFedAvgRunsFromConfigAndSendsAFractionOfFedAvgsBytes()
    {
        string plugin = Path.Combine(AppContext.BaseDirectory, "TopKFedAvg.dll");
        // No random loss: an agent whose global model was lost sends all its weights again, which is the
        // network's doing, not the method's.
        var topk = RunLite("topk", $"plugins=[\"{plugin}\"]", "scenario.learning.method=\"MyLab.TopKFedAvg, TopKFedAvg\"", "faults.loss.model=none");
        var fedavg = RunLite("fedavg", "scenario.learning.method=fedavg", "faults.loss.model=none");
        Assert.Equal("topk_fedavg", topk.GetProperty("method").GetString());
        Assert.True(topk.GetProperty("final_nmse_db").GetDouble() < 0, "the sparsified method still learns");
        Assert.True(fedavg.GetProperty("final_nmse_db").GetDouble() < 0);
        // After its first report an agent's report carries 5 % of its weights, at 8 bytes each instead of 4.
        double sparse = ReportBytes("topk"), dense = ReportBytes("fedavg");
        Assert.InRange(sparse, 0.09 * dense, 0.11 * dense);
    }
}
