using MaLAM4Com.Channels;
using MaLAM4Com.Cli.Commands;

namespace MaLAM4Com.Tests.Channels;

public sealed class ChannelsCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("malam4com-channels-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (int Code, string Output, string Error) Run(params string[] args) => Cli.Cli.Run(args);

    [Fact]
    public void GenerateWritesOneNpyFilePerRegionAndTheSidecar()
    {
        string target = Path.Combine(_directory, "data");
        var (code, output, error) = Run("channels", "generate", "--regions", "1-2,5", "--samples", "4", "--out", target, "--seed", "9");
        Assert.True(code == 0, error);
        foreach (int region in new[] { 1, 2, 5 })
        {
            var array = NpyReader.ReadFloat32(Path.Combine(target, CsiDataset.FileName(region)));
            Assert.Equal(new[] { 4, 32, 2, 32 }, array.Shape);
        }
        Assert.False(File.Exists(Path.Combine(target, CsiDataset.FileName(3))));
        Assert.True(File.Exists(Path.Combine(target, CsiDataset.SidecarFileName)));
        Assert.Contains($"wrote 3 region files and {CsiDataset.SidecarFileName} to {target}", output);
    }

    [Fact]
    public void GenerateWithTheSameSeedWritesTheSameBytes()
    {
        string first = Path.Combine(_directory, "first"), second = Path.Combine(_directory, "second"), other = Path.Combine(_directory, "other");
        Assert.Equal(0, Run("channels", "generate", "--regions", "3-4", "--samples", "50", "--out", first, "--seed", "21").Code);
        Assert.Equal(0, Run("channels", "generate", "--regions", "3-4", "--samples", "50", "--out", second, "--seed", "21").Code);
        Assert.Equal(0, Run("channels", "generate", "--regions", "3-4", "--samples", "50", "--out", other, "--seed", "22").Code);
        foreach (var name in new[] { CsiDataset.FileName(3), CsiDataset.FileName(4), CsiDataset.SidecarFileName })
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, name)), File.ReadAllBytes(Path.Combine(second, name)));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(first, CsiDataset.FileName(3))), File.ReadAllBytes(Path.Combine(other, CsiDataset.FileName(3))));
    }

    [Theory]
    [InlineData("0-3", "--regions")]
    [InlineData("100-111", "--regions")]
    [InlineData("5-2", "--regions")]
    [InlineData("x", "--regions")]
    public void RegionIdsOutOfRangeOrUnreadableAreUsageErrorsNamingTheOption(string regions, string option)
    {
        var (code, _, error) = Run("channels", "generate", "--regions", regions, "--samples", "1", "--out", _directory);
        Assert.Equal(CommandLine.UsageError, code);
        Assert.StartsWith($"error: {option}", error);
    }

    [Theory]
    [InlineData("--antennas")]
    [InlineData("--subcarriers")]
    public void ArraySizesBelowOneAreUsageErrorsNamingTheOption(string option)
    {
        var (code, _, error) = Run("channels", "generate", "--regions", "1", "--samples", "1", "--out", _directory, option, "0");
        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains(option, error);
    }

    [Fact]
    public void AnUnwritableOutputIsAUsageErrorNamingTheOption()
    {
        string blocker = Path.Combine(_directory, "a-file");
        File.WriteAllText(blocker, "not a directory");
        var (code, _, error) = Run("channels", "generate", "--regions", "1", "--samples", "1", "--out", Path.Combine(blocker, "data"));
        Assert.Equal(CommandLine.UsageError, code);
        Assert.StartsWith("error: --out", error);
        var (showCode, _, showError) = Run("channels", "show", "--region", "1", "--average-samples", "2", "--out", Path.Combine(blocker, "x.png"));
        Assert.Equal(CommandLine.UsageError, showCode);
        Assert.StartsWith("error: --out", showError);
    }

    [Fact]
    public void ShowWritesAPng()
    {
        string path = Path.Combine(_directory, "region7.png");
        var (code, _, error) = Run("channels", "show", "--region", "7", "--average-samples", "20", "--out", path);
        Assert.True(code == 0, error);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(path).Take(4));
    }

    [Fact]
    public void ShowRejectsARegionOutOfRange()
    {
        var (code, _, error) = Run("channels", "show", "--region", "111", "--out", Path.Combine(_directory, "x.png"));
        Assert.Equal(CommandLine.UsageError, code);
        Assert.StartsWith("error: --region", error);
    }

    [Theory]
    [InlineData("0.3")]
    [InlineData("1/4096")]
    public void BenchRejectsARhoThatGivesNoWholeMeasurementCount(string rho)
    {
        var (code, _, error) = Run("bench", "channels", "--rho", rho);
        Assert.Equal(CommandLine.UsageError, code);
        Assert.StartsWith("error: --rho", error);
        Assert.DoesNotContain("(Parameter", error);
    }
}
