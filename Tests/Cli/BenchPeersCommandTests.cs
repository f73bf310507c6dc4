using System.Text.Json;
using MaLAM4Com.Cli.Bench.Peers;

namespace MaLAM4Com.Tests.Cli;

/// <summary><c>bench peers</c>: its option checks and its figures, with the peers skipped (they are optional).</summary>
public sealed class BenchPeersCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-peers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("--agents", "0", "--agents must be at least 1, got 0")]
    [InlineData("--repeat", "0", "--repeat must be at least 1, got 0")]
    [InlineData("--skip", "ns2", "--skip: unknown peer 'ns2' (allowed: akka, simpy, ns3)")]
    public void ABadValueIsRefusedInOneLineBeforeAnythingRuns(string option, string value, string message)
    {
        string json = Path.Combine(_dir, "peers.json");
        Cli.AssertRefusedBeforeAnythingRuns(json, message, "bench", "peers", option, value, "--json", json, "--quiet");
    }

    [Fact]
    public void RepeatsRunOursThatOftenAndTheFigureIsTheirMedian()
    {
        string json = Path.Combine(_dir, "peers.json");
        var result = Cli.Run("bench", "peers", "--agents", "1500", "--rounds", "2", "--repeat", "3", "--skip", "simpy,ns3", "--json", json, "--quiet");
        Assert.True(result.Code == 0, result.Err);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.Equal(3, root.GetProperty("repeats").GetInt32());
        var runs = root.GetProperty("ours_events_per_s_runs").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(3, runs.Length);
        Assert.All(runs, r => Assert.True(r > 0));
        Assert.Equal(runs.Order().ElementAt(1), root.GetProperty("ours_events_per_s").GetDouble());
        foreach (var key in new[] { "ns3_events_per_s", "ns3_events_per_s_runs", "ratio_to_ns3", "simpy_events_per_s", "ratio_to_simpy" })
            Assert.Equal(JsonValueKind.Null, root.GetProperty(key).ValueKind);
        Assert.Contains("ns3: not run: skipped (--skip)", result.Err);
        // Plain Akka ran too, credited with our run's events; the floor's ratio to ns-3 needs ns-3.
        Assert.True(root.GetProperty("akka_events_per_s").GetDouble() > 0);
        Assert.True(root.GetProperty("ratio_to_akka").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("akka_ratio_to_ns3").ValueKind);
        Assert.True(root.GetProperty("batches").GetInt64() >= 2 * 1500);
        Assert.True(root.GetProperty("windows").GetInt32() > 0);
        // One row per run, the same events each time (the scenario is seeded), then the medians.
        var rows = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.TrimStart().StartsWith("malam4com", StringComparison.Ordinal)).ToList();
        Assert.Equal(["#1", "#2", "#3", "median"], rows.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        Assert.Single(rows.Take(3).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[4]).Distinct());
        var akka = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.TrimStart().StartsWith("akka ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, akka.Count);
        Assert.Equal(rows[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[4], akka[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[4]);
    }

    [Fact]
    public void PlainAkkaTakesEveryWindowsRoundTripsAndRefusesMoreThanItsActors()
    {
        Assert.True(PlainAkkaRoundTrips.WallSeconds(5, [3, 0, 5, 1]) > 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => PlainAkkaRoundTrips.WallSeconds(5, [6]));
    }
}
