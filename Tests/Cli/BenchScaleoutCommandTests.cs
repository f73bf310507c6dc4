using System.Text.Json;
using MaLAM4Com.Cli.Bench;
using MaLAM4Com.Cli.Commands;

namespace MaLAM4Com.Tests.Cli;

public sealed class BenchScaleoutCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-bench-scaleout-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void ScaleoutTimesOneProcessAndAClusterRepeatedAndFindsTheirTracesIdentical()
    {
        var why = ScaleoutBenchmark.Unsupported();
        Skip.If(why is not null, why);
        string json = Path.Combine(_dir, "scaleout.json");
        var traces = Path.Combine(_dir, "runs");
        var (code, _, err) = Cli.Run("bench", "scaleout", "--agents", "200", "--agents-per-edge", "100", "--rounds", "2", "--members", "2", "--trace", "on",
            "--repeat", "2", "--trace-dir", traces, "--json", json, "--quiet");
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.StartsWith("malam4com bench scaleout", root.GetProperty("command").GetString());
        Assert.True(root.GetProperty("cores").GetInt32() >= 2);
        var population = root.GetProperty("200");
        Assert.False(population.TryGetProperty("untraced", out _));
        var traced = population.GetProperty("traced");
        Assert.Equal(2, root.GetProperty("repeats").GetInt32());
        // One process ran on each of the two cores the cluster uses; the cluster is held to the faster.
        var byCpu = traced.GetProperty("one_core_by_cpu").EnumerateObject().ToDictionary(c => int.Parse(c.Name), c => Walls(c.Value.GetProperty("runs_s")));
        Assert.Equal(2, byCpu.Count);
        Assert.All(byCpu.Values, runs => Assert.Equal(2, runs.Length));
        Assert.All(byCpu.Values.SelectMany(r => r), w => Assert.True(w > 0));
        int fastest = traced.GetProperty("one_core_cpu").GetInt32();
        Assert.Equal(byCpu.Values.Min(r => r.Average()), byCpu[fastest].Average());
        var alone = Walls(traced.GetProperty("one_core_runs_s"));
        Assert.Equal(byCpu[fastest], alone);
        Assert.Equal(alone.Average(), traced.GetProperty("one_core_s").GetDouble(), 9);
        Assert.True(traced.GetProperty("one_core_process_s").GetDouble() > 0);
        var member = traced.GetProperty("members").GetProperty("2");
        var walls = Walls(member.GetProperty("runs_s"));
        // The median of two runs is their mean; a repeat's speed-up pairs it with the one-process run beside it.
        Assert.Equal(walls.Average(), member.GetProperty("wall_s").GetDouble(), 9);
        Assert.True(member.GetProperty("process_wall_s").GetDouble() > 0);
        Assert.Equal(0, member.GetProperty("outages").GetInt32());
        var paired = walls.Select((w, i) => byCpu.Values.Min(r => r[i]) / w).ToArray();
        Assert.Equal(paired, Walls(member.GetProperty("speedups")));
        Assert.Equal(paired.Average(), traced.GetProperty("speedup_2").GetDouble(), 9);
        Assert.Equal(traced.GetProperty("speedup_2").GetDouble(), population.GetProperty("speedup_2_traced").GetDouble());
        Assert.False(traced.GetProperty("members").TryGetProperty("1", out _));
        // The peer: one process on both cores, held to the fastest one core as the cluster is, and the cluster to it.
        var shared = traced.GetProperty("shared_memory");
        Assert.Equal(byCpu.Keys.Order(), shared.GetProperty("cores").EnumerateArray().Select(c => c.GetInt32()));
        var sharedWalls = Walls(shared.GetProperty("runs_s"));
        Assert.Equal(2, sharedWalls.Length);
        Assert.Equal(sharedWalls.Average(), shared.GetProperty("wall_s").GetDouble(), 9);
        var sharedPaired = sharedWalls.Select((w, i) => byCpu.Values.Min(r => r[i]) / w).ToArray();
        Assert.Equal(sharedPaired, Walls(shared.GetProperty("speedups")));
        Assert.Equal(sharedPaired.Average(), shared.GetProperty("speedup").GetDouble(), 9);
        Assert.Equal(shared.GetProperty("speedup").GetDouble(), population.GetProperty("speedup_shared_memory_traced").GetDouble());
        var vsShared = walls.Select((w, i) => sharedWalls[i] / w).ToArray();
        Assert.Equal(vsShared, Walls(member.GetProperty("vs_shared_memory_runs")));
        Assert.Equal(vsShared.Average(), member.GetProperty("vs_shared_memory").GetDouble(), 9);
        Assert.Equal(2, shared.GetProperty("cpu_s").GetArrayLength());
        // Every run says how long each partition worked, within its wall (one on one core, one per core on both, one per member), and its longest windows.
        void PerRun(JsonElement series, double[] runWalls, int partitions)
        {
            var runs = series.GetProperty("busy_s").EnumerateArray().Select(Walls).ToList();
            Assert.Equal(runWalls.Length, runs.Count);
            foreach (var (busy, wall) in runs.Zip(runWalls))
            {
                Assert.Equal(partitions, busy.Length);
                Assert.All(busy, b => Assert.InRange(b, 0.0, wall + 0.01));
                Assert.Contains(busy, b => b > 0);
            }
            // And how long its longest windows took, longest first, together within its wall.
            var windows = series.GetProperty("longest_windows_s").EnumerateArray().Select(Walls).ToList();
            Assert.Equal(runWalls.Length, windows.Count);
            foreach (var (longest, wall) in windows.Zip(runWalls))
            {
                Assert.InRange(longest.Length, 1, 5);
                Assert.Equal(longest.OrderDescending(), longest);
                Assert.InRange(longest.Sum(), 0.0, wall + 0.05);
            }
        }
        foreach (var core in traced.GetProperty("one_core_by_cpu").EnumerateObject())
            PerRun(core.Value, byCpu[int.Parse(core.Name)], 1);
        PerRun(shared, sharedWalls, 2);
        PerRun(member, walls, 2);
        // Every run has the CPU time its processes used.
        var oneProcessCpu = traced.GetProperty("one_core_by_cpu").EnumerateObject().SelectMany(c => c.Value.GetProperty("cpu_s").EnumerateArray()).ToList();
        var clusterCpu = member.GetProperty("cpu_s").EnumerateArray().ToList();
        Assert.Equal(4, oneProcessCpu.Count);
        Assert.Equal(2, clusterCpu.Count);
        Assert.All(oneProcessCpu.Concat(clusterCpu), c =>
        {
            Assert.True(c.GetProperty("user").GetDouble() > 0);
            Assert.True(c.GetProperty("system").GetDouble() >= 0);
        });
        // Every run, one process or cluster, has each core's probe from just before and just after it.
        var probes = traced.GetProperty("one_core_by_cpu").EnumerateObject().Select(c => c.Value.GetProperty("cores_ms")).Append(member.GetProperty("cores_ms")).ToList();
        Assert.All(probes, runs => Assert.Equal(2, runs.GetArrayLength()));
        foreach (var run in probes.SelectMany(runs => runs.EnumerateArray()))
        {
            foreach (var when in new[] { "before", "after" })
            {
                var cores = run.GetProperty(when).EnumerateObject().ToDictionary(c => int.Parse(c.Name), c => c.Value.GetDouble());
                Assert.Equal(byCpu.Keys.Order(), cores.Keys.Order());
                Assert.All(cores.Values, ms => Assert.True(ms > 0));
            }
        }
        // The bench compares the merged trace of every cluster run, and every other one process's trace (on one core or both), with the first one process's trace itself.
        Assert.True(traced.GetProperty("traces_identical").GetBoolean());
        Assert.Equal(64, traced.GetProperty("trace_sha256").GetString()!.Length);
        Assert.Empty(Directory.GetFileSystemEntries(traces));
    }

    private static double[] Walls(JsonElement array) => [.. array.EnumerateArray().Select(w => w.GetDouble())];

    [SkippableFact]
    public void ScaleoutReportsARunThatFailsAndGoesOnWithTheNext()
    {
        var why = ScaleoutBenchmark.Unsupported();
        Skip.If(why is not null, why);
        string json = Path.Combine(_dir, "scaleout.json");
        // --set reaches every process: a heap cap under what a process already holds fails each run at once.
        var (code, _, err) = Cli.Run("bench", "scaleout", "--agents", "200", "--agents-per-edge", "100", "--rounds", "2", "--members", "2", "--trace", "off",
            "--set", "kernel.heap-limit-mb=1", "--trace-dir", Path.Combine(_dir, "runs"), "--json", json, "--quiet");
        Assert.Equal(CommandErrors.Failure, code);
        // One process on each of the two cores, one on both, then the cluster.
        Assert.Equal(4, err.Split('\n').Count(l => l.StartsWith("error: 200 agents, untraced", StringComparison.Ordinal) && l.Contains("kernel.heap-limit-mb")));
        Assert.Contains("error: 200 agents, untraced, one process on cores ", err);
        var untraced = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("200").GetProperty("untraced");
        Assert.Equal(JsonValueKind.Null, untraced.GetProperty("one_core_s").ValueKind);
        Assert.Contains("kernel.heap-limit-mb", untraced.GetProperty("one_core_error").GetString());
        var member = untraced.GetProperty("members").GetProperty("2");
        Assert.Equal(JsonValueKind.Null, member.GetProperty("wall_s").ValueKind);
        Assert.Contains("kernel.heap-limit-mb", member.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, untraced.GetProperty("speedup_2").ValueKind);
        // Each process of a failed run leaves its whole output beside the JSON: each one process, then the driver and the member.
        var logs = Path.Combine(_dir, "scaleout-logs");
        var ones = untraced.GetProperty("one_core_logs").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Equal(2, ones.Count);
        Assert.Equal(2, ones.Distinct().Count());
        Assert.All(ones, one => Assert.Equal(logs, Path.GetDirectoryName(one)));
        Assert.All(ones, one => Assert.Contains("kernel.heap-limit-mb", File.ReadAllText(one)));
        var cluster = member.GetProperty("logs").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Equal(2, cluster.Count);
        Assert.All(cluster, l => Assert.Equal(logs, Path.GetDirectoryName(l)));
        Assert.StartsWith("malam4com run ", File.ReadAllText(cluster[0]));
        Assert.StartsWith("malam4com node --role seed", File.ReadAllText(cluster[1]));
        var shared = untraced.GetProperty("shared_memory");
        Assert.Equal(JsonValueKind.Null, shared.GetProperty("wall_s").ValueKind);
        Assert.Equal(JsonValueKind.Null, member.GetProperty("vs_shared_memory").ValueKind);
        var sharedLog = Assert.Single(shared.GetProperty("logs").EnumerateArray()).GetString()!;
        Assert.Equal(logs, Path.GetDirectoryName(sharedLog));
        Assert.Contains("kernel.heap-limit-mb", File.ReadAllText(sharedLog));
        Assert.DoesNotContain(sharedLog, ones);
        Assert.Equal(4, err.Split('\n').Count(l => ones.Append(sharedLog).Any(one => l.Contains("whole output: " + one, StringComparison.Ordinal)) || l.Contains("whole output: " + cluster[0] + ", " + cluster[1], StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("--members", "0", "--members: '0' is not a positive whole number")]
    [InlineData("--agents", "150", "--agents: 150 is not a multiple of --agents-per-edge (100)")]
    [InlineData("--trace", "sometimes", "--trace must be both, on, off, got 'sometimes'")]
    [InlineData("--repeat", "0", "--repeat must be at least 1, got 0")]
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
