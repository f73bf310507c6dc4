using System.Text.Json;

namespace MaLAM4Com.Tests.Cli;

public sealed class BenchModelsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-bench-models-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ModelsReportsTheMachinesPeakAndEachNetworksShareOfIt()
    {
        string json = Path.Combine(_dir, "models.json");
        var run = Cli.Run("bench", "models", "--preset", "tiny", "--steps", "1", "--threads", "1", "--peer", Path.Combine(_dir, "none.py"), "--json", json);
        Assert.True(run.Code == 0, run.Err);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        double peak = root.GetProperty("peak_gflops").GetDouble();
        Assert.True(peak > 0);
        foreach (var net in new[] { "lam", "sam" })
        {
            double gflops = root.GetProperty($"{net}_train_gflops").GetDouble();
            Assert.True(gflops > 0, $"{net}: {gflops} GFLOP/s");
            // The share is the network's rate over the peak, not a figure of its own (each is rounded in the JSON).
            Assert.Equal(gflops / peak, root.GetProperty($"{net}_peak_fraction").GetDouble(), 0.002);
        }
        Assert.Contains("PyTorch peer skipped", run.Out);
    }
}
