using System.Text.Json.Nodes;

namespace MaLAM4Com.Tests.Cli;

public sealed class MaLAM4ComExperimentCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-exp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => Cli.Run(args);

    [Fact]
    public void ASmallExperimentWritesEveryTableAndTheSummaryKeys()
    {
        // Lite agents for speed; the downstream task still needs a (tiny) LAM.
        var result = Run("experiment", "malam4com", "--config", Path.Combine(Config.SettingsLoaderTests.RepoRoot(), "config.hocon"),
            "--rhos", "1/32", "--methods", "malam4com,local,fd_full", "--v", "0,1,10000000", "--loss", "0,0.2", "--dimensions", "16,128",
            "--downstream-samples", "24", "--out", Path.Combine(_dir, "out"), "--json", Path.Combine(_dir, "figures.json"),
            "--set", "scenario.learning.fidelity=lite", "--set", "scenario.rounds=4",
            "--set", "scenario.learning.lam-preset=tiny", "--set", "scenario.learning.lam-pool-samples=129", "--set", "scenario.learning.lam-epochs=1",
            "--set", "scenario.learning.lam-fresh-samples=0", "--set", "scenario.learning.lite.pool-samples=512", "--set", "scenario.learning.lite.test-pool-samples=256",
            "--set", $"scenario.learning.cache={Path.Combine(_dir, "cache")}");
        Assert.True(result.Code == 0, result.Err);
        foreach (var file in new[] { "results.md", "results.csv", "summary.json", "nmse_by_rho.png", "bytes_per_round.png", "v_sweep.png", "loss_sweep.png", "dimension_sweep.png" })
            Assert.True(File.Exists(Path.Combine(_dir, "out", file)), file);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "figures.json")))!;
        Assert.NotNull(json["nmse_db"]!["malam4com"]!["1/32"]);
        Assert.Equal(0, json["bytes_per_round"]!["local"]!.GetValue<double>());
        // One agent per region here, so the regions' figures average (linearly) to the method's mean.
        var regions = json["per_region_nmse_db"]!["local"]!.AsObject();
        Assert.Equal(Enumerable.Range(1, 12).Select(r => r.ToString()), regions.Select(kv => kv.Key));
        double mean = 10 * Math.Log10(regions.Average(kv => Math.Pow(10, kv.Value!.GetValue<double>() / 10)));
        Assert.InRange(Math.Abs(json["nmse_db"]!["local"]!["1/32"]!.GetValue<double>() - mean), 0, 0.005);
        // Lite agents see fewer measurement axes than the genie: its reference is left out rather than compared with them.
        Assert.Empty(json["reference_nmse_db"]!["genie_lmmse"]!.AsObject());
        Assert.True(json["bytes_per_round"]!["fd_full"]!.GetValue<double>() > json["bytes_per_round"]!["malam4com"]!.GetValue<double>());
        Assert.Equal(131_840, json["downstream"]!["macs_raw"]!.GetValue<long>());
        Assert.Equal([0, 1.0, 1e7], json["v_sweep"]!.AsArray().Select(r => r!["v"]!.GetValue<double>()));
        Assert.All(json["v_sweep"]!.AsArray(), r => Assert.Equal(8192, r!["budget"]!.GetValue<double>()));
        // The V claim pairs the points' regions: each point gives every region's figure, and they average to its region mean.
        Assert.All(json["v_sweep"]!.AsArray(), r => Assert.InRange(Math.Abs(
            r!["nmse_db_by_region_recent"]!.AsObject().Average(kv => kv.Value!.GetValue<double>()) - r["nmse_db_region_mean_recent"]!.GetValue<double>()), 0, 0.001));
        Assert.Equal(12, json["v_sweep"]!.AsArray()[0]!["nmse_db_by_region_recent"]!.AsObject().Count);
        // At V = 1 the queues decide: with an empty queue the largest report (128 anchors x 128 dimensions x 8 bits = 16,384 B, plus a
        // 16 B header) wins; it overfills the 8,192 B budget by 8,192 B, so the next round skips and the queue drains. So at
        // most every other round (less for an agent still waiting for its anchors), and always the largest report.
        var smallV = json["v_sweep"]!.AsArray()[1]!;
        Assert.InRange(smallV["share_rate"]!.GetValue<double>(), 0.4, 0.5);
        Assert.Equal(16400, smallV["mean_report_bytes"]!.GetValue<double>());
        // V = 0 weighs the budgets only: with empty queues skipping ties with everything and comes first, so nobody shares, and the run still completes.
        var zeroV = json["v_sweep"]!.AsArray()[0]!;
        Assert.Equal(0, zeroV["share_rate"]!.GetValue<double>());
        Assert.Null(zeroV["mean_report_bytes"]);
        Assert.NotNull(zeroV["nmse_db"]);
        Assert.All(json["loss_sweep"]!.AsArray(), r => Assert.True(r!["completed"]!.GetValue<bool>()));
        // Each dimension point shares that one dimension: 128 anchors x 16 values come to 1,040 or 2,064 B with the header (4 or 8 bits), x 128 to 8,208 or 16,400 B.
        var dimensions = json["dimension_sweep"]!.AsArray();
        Assert.Equal([16.0, 128.0], dimensions.Select(r => r!["dimension"]!.GetValue<double>()));
        Assert.All(dimensions, r => Assert.True(r!["completed"]!.GetValue<bool>()));
        Assert.InRange(dimensions[0]!["mean_report_bytes"]!.GetValue<double>(), 1000, 2064);
        Assert.InRange(dimensions[1]!["mean_report_bytes"]!.GetValue<double>(), 8208, 16400);
        // At lite fidelity already: no lite check, so no lite sweeps and no comparison of the fidelities.
        Assert.Null(json["lite_v_sweep"]);
        Assert.Null(json["lite_full_sweeps_agree"]);
        // No genie and no lite check at lite fidelity: eight claims.
        Assert.Equal(8, json["claims"]!.AsArray().Count);
        // Four agents per region: their training samples pooled teach each more than its own, with the same teacher and nobody sharing.
        double pooledWorth = json["pooled_data_worth_db"]!.GetValue<double>();
        Assert.True(pooledWorth > 0.1, $"pooled data worth {pooledWorth} dB");
        Assert.InRange(Math.Abs(zeroV["nmse_db_region_mean"]!.GetValue<double>() - pooledWorth - json["pooled_data_nmse_db_region_mean"]!.GetValue<double>()), 0, 0.002);
        Assert.Equal(12, json["per_region_nmse_db"]!["pooled_data"]!.AsObject().Count);
        // 3 method runs + 3 V points (0, 1 and 10^7 all new) + 2 loss points (0 and 20 %, both new) + 2 dimensions + the pooled-data reference.
        Assert.Equal(12, File.ReadAllLines(Path.Combine(_dir, "out", "results.csv")).Length);
        Assert.Contains("[11/11]", result.Err);
        Assert.Contains("pooled_data,lite,malam4com,1/32,0,", File.ReadAllText(Path.Combine(_dir, "out", "results.csv")));
    }

    [Fact]
    public void BadListsExitWithCodeTwoAndSayWhatIsAllowed()
    {
        string config = Path.Combine(Config.SettingsLoaderTests.RepoRoot(), "config.hocon");
        var method = Run("experiment", "malam4com", "--config", config, "--methods", "malam4com,gossip");
        Assert.Equal((2, true), (method.Code, method.Err.Contains("'gossip': not a built-in method; allowed: malam4com, local, fedavg, fd_full")));
        var rho = Run("experiment", "malam4com", "--config", config, "--rhos", "1/3");
        Assert.Equal(2, rho.Code);
        Assert.Contains("--rhos", rho.Err);
        var genie = Run("experiment", "malam4com", "--config", config, "--rhos", "1/8,1/32", "--genie-samples", "100");
        Assert.Equal((2, true), (genie.Code, genie.Err.Contains("--genie-samples must be 0 (no reference) or at least 258 for rho 1/8 (got 100)")));
        var loss = Run("experiment", "malam4com", "--config", config, "--loss", "0,1.5");
        Assert.Equal((2, true), (loss.Code, loss.Err.Contains("'1.5' is not a number in [0, 1]")));
        // A dimension is checked as the scenario's only one, at full fidelity and, for the lite check, at lite.
        var wide = Run("experiment", "malam4com", "--config", config, "--dimensions", "32,256");
        Assert.Equal((2, true), (wide.Code, wide.Err.Contains("--dimensions: '256': config key 'scenario.cooperation.dimensions' = [256]: agents share leading output coordinates")));
        // The pooled-data reference is checked as its own scenario before any run.
        var pooled = Run("experiment", "malam4com", "--config", config, "--set", "scenario.agents-per-edge=16000");
        Assert.Equal((2, true), (pooled.Code, pooled.Err.Contains("--pooled-reference: 'true': config key 'scenario.learning.pooled-data' = true: each agent would fit all its region's agents' samples, up to 256,000")));
        var zero = Run("experiment", "malam4com", "--config", config, "--dimensions", "0");
        Assert.Equal((2, true), (zero.Code, zero.Err.Contains("--dimensions: '0' is not a positive whole number")));
    }
}
