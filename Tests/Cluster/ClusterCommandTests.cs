using MaLAM4Com.Cli.Commands;

namespace MaLAM4Com.Tests.Cluster;

/// <summary>Mistakes in the cluster options are told plainly, before anything starts.</summary>
public sealed class ClusterCommandTests
{
    private static (int Code, string Err) Run(params string[] args)
    {
        var error = new StringWriter();
        int code = CommandLine.Run(args, new StringWriter(), error);
        return (code, error.ToString());
    }

    [Theory]
    [InlineData("--role", "leader", "--role must be seed or worker, got 'leader'")]
    [InlineData("--role", "worker", "--seed-nodes is required")]
    [InlineData("--port", "70000", "--port must be in 0..65535, got 70000")]
    public void ANodeWithBadOptionsDoesNotStart(string option, string value, string expected)
    {
        var (code, err) = Run("node", option, value);
        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains(expected, err);
    }

    [Fact]
    public void ASeedNeedsAFixedPortAndSeedNodesMustBeAddresses()
    {
        Assert.Contains("a seed node needs a fixed port", Run("node", "--role", "seed", "--port", "0").Err);
        var (code, err) = Run("run", "--cluster", "--config", Path.Combine(Config.SettingsLoaderTests.RepoRoot(), "config.hocon"), "--seed-nodes", "localhost");
        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("'localhost' is not HOST:PORT", err);
    }
}
