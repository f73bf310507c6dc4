using System.Text.Json;
using MaLAM4Com.Cli.Bench;
using MaLAM4Com.Cli.Bench.Peers;

namespace MaLAM4Com.Tests.Cli;

/// <summary><c>bench phold</c>: its option checks, its figures, and the ns-3 peer handling the very events ours does.</summary>
public sealed class BenchPholdCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-phold-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("--entities", "1000,0", "--entities: '0' is not a positive whole number")]
    [InlineData("--remote", "0.5,1.5", "--remote: '1.5' is not a number in [0, 1]")]
    [InlineData("--population", "0", "--population must be at least 1, got 0")]
    [InlineData("--lookahead", "0us", "--lookahead: '0us' must be at least 1us")]
    [InlineData("--mean-delay", "soon", "--mean-delay: 'soon' is not a duration")]
    [InlineData("--end", "forever", "--end: 'forever' is not a duration")]
    [InlineData("--partitions", "-1", "--partitions must be 0 or more, got -1")]
    [InlineData("--skip", "simpy", "--skip: unknown peer 'simpy' (allowed: ns3)")]
    public void ABadValueIsRefusedInOneLineBeforeAnythingRuns(string option, string value, string message)
    {
        string json = Path.Combine(_dir, "phold.json");
        Cli.AssertRefusedBeforeAnythingRuns(json, message, "bench", "phold", option, value, "--json", json, "--quiet");
    }

    [Fact]
    public void OursWritesItsFiguresByEntitiesThenRemoteAndNs3IsNullWhenSkipped()
    {
        string json = Path.Combine(_dir, "phold.json");
        var result = Cli.Run("bench", "phold", "--entities", "40,80", "--remote", "0,1.0", "--population", "2", "--end", "5ms", "--skip", "ns3", "--json", json, "--quiet");
        Assert.True(result.Code == 0, result.Err);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.StartsWith("malam4com bench phold --entities 40,80", root.GetProperty("command").GetString());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("cores").GetInt32());
        Assert.True(root.TryGetProperty("load_average_1m", out _));
        Assert.Equal(5_000, root.GetProperty("end_us").GetInt64());
        foreach (var n in new[] { "40", "80" })
        {
            foreach (var remote in new[] { "0.0", "1.0" })
            {
                var s = root.GetProperty(n).GetProperty(remote);
                Assert.True(s.GetProperty("ours_events").GetInt64() > 0);
                Assert.True(s.GetProperty("ours_events_per_s").GetDouble() > 0);
                Assert.True(s.GetProperty("ours_wall_s").GetDouble() > 0);
                foreach (var key in new[] { "ns3_events", "ns3_events_per_s", "ns3_scheduler", "ratio_to_ns3" })
                    Assert.Equal(JsonValueKind.Null, s.GetProperty(key).ValueKind);
            }
        }
        Assert.Contains("ns3: not run on 40 entities, remote 0.0: skipped (--skip)", result.Err);
        Assert.Contains("ns-3 scheduler", result.Out);
    }

    [SkippableFact]
    public void TheNs3PeerHandlesExactlyTheEventsOursDoes()
    {
        // The peer repeats the sample's draws (xoshiro256** streams seeded alike, the same rounding), and
        // PHOLD events are interchangeable, so the two simulators handle the same events at the same times.
        string json = Path.Combine(_dir, "phold.json");
        var result = Cli.Run("bench", "phold", "--entities", "60", "--remote", "0,0.3,1", "--population", "3", "--mean-delay", "700us",
            "--lookahead", "250us", "--end", "30ms", "--seed", "9", "--json", json, "--quiet");
        Assert.True(result.Code == 0, result.Err);
        var scenarios = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("60");
        Skip.If(scenarios.GetProperty("0.3").GetProperty("ns3_events").ValueKind == JsonValueKind.Null, $"ns-3 peer not run: {result.Err}");
        foreach (var remote in new[] { "0.0", "0.3", "1.0" })
        {
            var s = scenarios.GetProperty(remote);
            long ours = s.GetProperty("ours_events").GetInt64();
            Assert.True(ours > 1_000, $"{ours} events");
            Assert.Equal(ours, s.GetProperty("ns3_events").GetInt64());
            Assert.Contains(s.GetProperty("ns3_scheduler").GetString(), PholdBenchmark.Ns3Schedulers);
            var rates = s.GetProperty("ns3_events_per_s_by_scheduler").EnumerateObject().ToList();
            Assert.Equal(PholdBenchmark.Ns3Schedulers, rates.Select(r => r.Name));
            // The fastest scheduler is the one reported.
            Assert.Equal(rates.Where(r => r.Value.ValueKind == JsonValueKind.Number).Max(r => r.Value.GetDouble()), s.GetProperty("ns3_events_per_s").GetDouble(), 6);
            Assert.Equal(s.GetProperty("ours_events_per_s").GetDouble() / s.GetProperty("ns3_events_per_s").GetDouble(), s.GetProperty("ratio_to_ns3").GetDouble(), 9);
        }
    }

    [Fact]
    public void APeerRunPastItsTimeLimitIsStoppedAndSaysSo()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (line, why, timedOut) = PeerRunner.RunJson("sleeper", "sleep", ["30"], TimeSpan.FromMilliseconds(300));
        Assert.True(timedOut);
        Assert.Null(line);
        Assert.StartsWith("sleeper stopped after", why);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{watch.Elapsed}");
    }
}
