using System.Text.Json;
using MaLAM4Com.Cli.Bench.Peers;
using MaLAM4Com.Cli.Commands;

namespace MaLAM4Com.Tests.Cli;

public sealed class BenchScaleCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-bench-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void ScaleWritesTheFiguresOfEachPopulationAndMeasuresTheTrace()
    {
        string json = Path.Combine(_dir, "scale.json");
        var result = Run("bench", "scale", "--agents", "200,400", "--agents-per-edge", "100", "--rounds", "2", "--in-process",
            "--trace-dir", _dir, "--json", json, "--quiet");
        Assert.True(result.Code == 0, result.Err);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.Equal($"malam4com bench scale --agents 200,400 --agents-per-edge 100 --rounds 2 --in-process --trace-dir {_dir} --json {json} --quiet", root.GetProperty("command").GetString());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("cores").GetInt32());
        foreach (var n in new[] { "200", "400" })
        {
            var p = root.GetProperty(n);
            Assert.True(p.GetProperty("round_wall_s").GetDouble() > 0);
            Assert.True(p.GetProperty("sim_msgs_per_s").GetDouble() > 0);
            Assert.True(p.GetProperty("peak_mem_mb").GetDouble() > 0);
            Assert.True(p.GetProperty("bytes_per_agent").GetDouble() > 0);
            Assert.True(p.GetProperty("trace_bytes").GetInt64() > 0);
            var walls = p.GetProperty("round_walls_s").EnumerateArray().Select(w => w.GetDouble()).ToList();
            Assert.Equal(2, walls.Count);
            // The rounds are timed inside the kernel's wall time, not when the trace reader gets to them.
            Assert.All(walls, w => Assert.True(w > 0));
            Assert.Equal(walls.Average(), p.GetProperty("round_wall_s").GetDouble(), 9);
            Assert.True(double.IsFinite(p.GetProperty("final_nmse_db").GetDouble()));
        }
        // Twice the agents, about twice the messages: the same scenario at another size.
        long small = root.GetProperty("200").GetProperty("messages_delivered").GetInt64();
        long large = root.GetProperty("400").GetProperty("messages_delivered").GetInt64();
        Assert.InRange(large, 1.6 * small, 2.4 * small);
        Assert.Empty(Directory.GetFiles(_dir, "*.jsonl"));
    }

    [Fact]
    public void ScaleRejectsAPopulationThatDoesNotFillItsEdges()
    {
        var result = Run("bench", "scale", "--agents", "1500", "--agents-per-edge", "1000", "--in-process");
        Assert.Equal(CommandLine.UsageError, result.Code);
        Assert.Contains("1500 is not a multiple of --agents-per-edge (1000)", result.Err);
    }

    [Fact]
    public void ScaleRefusesABadOverrideBeforeRunningAnyPopulation()
    {
        string json = Path.Combine(_dir, "scale.json");
        var result = Run("bench", "scale", "--agents", "200", "--agents-per-edge", "100", "--rounds", "2", "--set", "kernel.heap-limit-mb=-5",
            "--trace-dir", _dir, "--json", json, "--quiet");
        Assert.Equal(CommandLine.UsageError, result.Code);
        Assert.Contains("kernel.heap-limit-mb", result.Err);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public void ScaleKeepsThePopulationsThatRanWhenAnotherFails()
    {
        // Under a 300 MB heap cap 200 agents run and 10^6 cannot be set up: each population in a process of its own.
        // One round: the child hands back a figure that is not a number (no CPU time per round), which must travel too.
        string json = Path.Combine(_dir, "scale.json");
        var result = Run("bench", "scale", "--agents", "200,1000000", "--agents-per-edge", "100", "--rounds", "1", "--no-trace",
            "--set", "kernel.heap-limit-mb=300", "--json", json, "--quiet");
        Assert.Equal(CommandErrors.Failure, result.Code);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.True(root.GetProperty("200").GetProperty("round_wall_s").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("200").GetProperty("round_cpu_s").ValueKind);
        Assert.Contains("1000000-agent run failed", root.GetProperty("1000000").GetProperty("error").GetString());
        Assert.Contains("1000000 failed", result.Out);
    }

    [Fact]
    public void PeersReportsOursAndNullForPeersNotRun()
    {
        string json = Path.Combine(_dir, "peers.json");
        var result = Run("bench", "peers", "--agents", "2000", "--rounds", "2", "--skip", "simpy,ns3", "--json", json, "--quiet");
        Assert.True(result.Code == 0, result.Err);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.True(root.GetProperty("ours_events_per_s").GetDouble() > 0);
        Assert.StartsWith("malam4com bench peers --agents 2000", root.GetProperty("command").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("simpy_events_per_s").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ns3_events_per_s").ValueKind);
        Assert.Contains("simpy: not run: skipped", result.Err);
        Assert.Contains("unknown peer 'bogus'", Run("bench", "peers", "--skip", "bogus").Err);
    }

    [Fact]
    public void ThePeerScenarioCountsEveryTimerAndTheDeliveriesThatSurviveLoss()
    {
        var run = PeerRoundScenario.Run(2000, 2, 7);
        var a = run.Result;
        var b = PeerRoundScenario.Run(2000, 2, 7).Result;
        // Per round: 2000 agent starts, 2 edge deadlines, 1 cloud deadline.
        Assert.Equal(2 * 2003, a.Timers);
        // At most 2000 reports + 2 aggregates + 2 globals to edges + 2000 globals to agents per round, 5 % of each lost.
        Assert.InRange(a.Delivered, 0.85 * 2 * 4004, 0.99 * 2 * 4004);
        Assert.Equal(a.Delivered, b.Delivered);
        // The cloud, 2 edges and 2000 agents; each agent's round start is a batch of its own, and no batch is empty.
        Assert.Equal(2003, run.Entities);
        Assert.InRange(run.BatchesPerWindow.Sum(), 2 * 2000 + 1, a.Events);
        Assert.Contains(2000, run.BatchesPerWindow);
    }
}
