using MaLAM4Com.Cli.Config;
using MaLAM4Com.Engine.Config;

namespace MaLAM4Com.Tests.Config;

public sealed class SettingsLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string hocon)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.hocon");
        System.IO.File.WriteAllText(path, hocon);
        return path;
    }

    [Fact]
    public void TheShippedConfigIsTheDefaultAndLoads()
    {
        var s = SettingsLoader.Load(null, []);
        Assert.Equal(42UL, s.Seed);
        Assert.Equal(3, s.Scenario.Edges);
        Assert.Equal(1_000, s.Link.PropagationUs);
        Assert.Equal("edge-1<->cloud", s.Faults.LinkDowns.Single().Target);
        Assert.Equal(SettingsLoader.DefaultsText(), System.IO.File.ReadAllText(Path.Combine(RepoRoot(), "config.hocon")));
    }

    [Fact]
    public void AUserFileOverridesOnlyTheKeysItSets()
    {
        var s = SettingsLoader.Load(File("malam4com { seed = 7, scenario.rounds = 30 }"), []);
        Assert.Equal((7UL, 30, 16), (s.Seed, s.Scenario.Rounds, s.Scenario.AgentsPerEdge));
    }

    [Fact]
    public void SetOverridesAnyKeyWithOrWithoutTheRootPrefix()
    {
        var s = SettingsLoader.Load(null, ["kernel.end-time=30s", "malam4com.faults.loss.model=gilbert-elliott", "trace.path=/tmp/x y.jsonl"]);
        Assert.Equal(30_000_000, s.Kernel.EndTimeUs);
        Assert.Equal("gilbert-elliott", s.Faults.Loss.Model);
        Assert.Equal("/tmp/x y.jsonl", s.Trace.Path);
    }

    [Fact]
    public void AnUnknownKeyIsNamedWithItsKnownNeighbours()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(File("malam4com.kernel.partitons = 2"), []));
        Assert.Contains("'kernel.partitons'", e.Message);
        Assert.Contains("unknown key", e.Message);
        Assert.Contains("partitions", e.Message);
        var set = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["scenario.agents=5"]));
        Assert.Contains("'scenario.agents'", set.Message);
    }

    [Fact]
    public void AWrongTypeNamesKeyValueAndExpectedType()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["scenario.edges=three"]));
        Assert.Equal("config key 'scenario.edges' = \"three\": expected a whole number in [1, 100000]", e.Message);
        var d = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["kernel.end-time=60"]));
        Assert.Contains("expected a duration", d.Message);
        var list = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["faults.crashes=agent-1"]));
        Assert.Contains("expected a list of objects", list.Message);
    }

    [Fact]
    public void OutOfRangeValuesNameTheAllowedRange()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["faults.loss.iid-rate=1.5"]));
        Assert.Equal("config key 'faults.loss.iid-rate' = 1.5: out of range: allowed [0, 1]", e.Message);
        var negative = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["scenario.round-period=-1s"]));
        Assert.Contains("scenario.round-period", negative.Message);
        var model = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["link.model=warp"]));
        Assert.Contains("allowed values are \"fixed-rate\", \"random-delay\"", model.Message);
        var order = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["scenario.cloud-deadline=100ms"]));
        Assert.Contains("must be later than scenario.edge-deadline", order.Message);
        var heap = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["kernel.heap-limit-mb=-5"]));
        Assert.Contains("kernel.heap-limit-mb", heap.Message);
        Assert.Equal(2048, SettingsLoader.Load(null, ["kernel.heap-limit-mb=2048"]).Kernel.HeapLimitMb);
        Assert.True(SettingsLoader.Load(null, []).Kernel.Recovery);
        Assert.False(SettingsLoader.Load(null, ["kernel.recovery=off"]).Kernel.Recovery);
        var recovery = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["kernel.recovery=maybe"]));
        Assert.Equal("config key 'kernel.recovery' = \"maybe\": expected true or false", recovery.Message);
        var stem = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["scenario.learning.lam-stem-rank=-1"]));
        Assert.Equal("config key 'scenario.learning.lam-stem-rank' = -1: out of range: allowed [0, 2048]", stem.Message);
        Assert.Equal(64, SettingsLoader.Load(null, ["scenario.learning.lam-stem-rank=64"]).Scenario.Learning.LamStemRank);
        var rate = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["scenario.learning.lam-learning-rate=0"]));
        Assert.Equal("config key 'scenario.learning.lam-learning-rate' = 0: out of range: allowed [1E-06, 1]", rate.Message);
        var batch = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["scenario.learning.lam-batch-size=0"]));
        Assert.Contains("scenario.learning.lam-batch-size", batch.Message);
        // The default cache sits under the home folder, so runs in any folder reuse one pretrained LAM; other paths stay as given.
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, ".cache", "malam4com"), SettingsLoader.Load(null, []).Scenario.CacheDirectory);
        Assert.Equal(Path.Combine("here", "~"), SettingsLoader.Load(null, ["scenario.learning.cache=\"here/~\""]).Scenario.CacheDirectory);
        // Pooled data is a reference for small populations: every agent of a region would fit all of the region's samples.
        var pooled = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["scenario.learning.pooled-data=true", "scenario.agents-per-edge=16000"]));
        Assert.Equal("config key 'scenario.learning.pooled-data' = true: each agent would fit all its region's agents' samples, up to 256,000 (agents per region x scenario.learning.samples-max): at most 100,000; pool a smaller population", pooled.Message);
        Assert.True(SettingsLoader.Load(null, ["scenario.learning.pooled-data=true"]).Scenario.Learning.PooledData);
        var axes = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["scenario.learning.prior-share=2"]));
        Assert.Equal("config key 'scenario.learning.prior-share' = 2: out of range: allowed [0, 1]", axes.Message);
        // Shared dimensions are output coordinates, and those principal axes of the cloud's pool.
        var wide = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["scenario.learning.output-axes=64"]));
        Assert.Equal("config key 'scenario.cooperation.dimensions' = [32, 64, 128]: agents share leading output coordinates: each at most scenario.learning.output-axes (64)", wide.Message);
        var pool = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["scenario.learning.lam-pool-samples=128", "scenario.learning.fidelity=lite"]));
        Assert.Equal("config key 'scenario.cooperation.dimensions' = [32, 64, 128]: output coordinates are principal axes of the cloud's pool of scenario.learning.lam-pool-samples (128) per region: at most 127", pool.Message);
        Assert.Equal(129, SettingsLoader.Load(null, ["scenario.learning.lam-pool-samples=129", "scenario.learning.fidelity=lite"]).Scenario.Learning.LamPoolSamplesPerRegion);
    }

    [Fact]
    public void FaultEntriesRejectUnknownFieldsAndBadWindows()
    {
        var field = Assert.Throws<ConfigException>(() => SettingsLoader.Load(File("malam4com.faults.crashes = [ { node = agent-1, at = 1s, reboot = 2s } ]"), []));
        Assert.Contains("'faults.crashes[0].reboot'", field.Message);
        var window = Assert.Throws<ConfigException>(() => SettingsLoader.Load(File("malam4com.faults.link-down = [ { node = edge-0, from = 5s, to = 1s } ]"), []));
        Assert.Contains("'faults.link-down[0].to'", window.Message);
        var scope = Assert.Throws<ConfigException>(() => SettingsLoader.Load(File("malam4com.faults.link-down = [ { from = 1s, to = 2s } ]"), []));
        Assert.Contains("exactly one of", scope.Message);
    }

    [Fact]
    public void LateJoinersMustJoinInARoundOfTheRun()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(File("malam4com.scenario { rounds = 3, late-join.round = 3 }"), []));
        Assert.Equal("config key 'scenario.late-join.round' = 3: late joiners join in a round of the run: allowed [0, 2] with scenario.rounds = 3 (or scenario.late-join.agents = 0 for none)", e.Message);
        Assert.Equal(2, SettingsLoader.Load(null, ["scenario.rounds=3", "scenario.late-join.round=2"]).Scenario.LateJoinRound);
        // Without late joiners the join round is not used.
        Assert.Equal(1, SettingsLoader.Load(null, ["scenario.rounds=1", "scenario.late-join.agents=0"]).Scenario.Rounds);
    }

    [Fact]
    public void ALossFaultReplacesTheConfiguredLossButContradictsASecondOneOrASet()
    {
        var config = "malam4com.faults.loss { model = gilbert-elliott }";
        var replaced = MaLAM4Com.Cli.Scenarios.CooperationRun.Settings(config, "test", [], ["loss:iid:0.2", "crash:agent-1@1s"]).Faults;
        Assert.Equal(("iid", 0.2, 1), (replaced.Loss.Model, replaced.Loss.IidRate, replaced.Crashes.Count));
        var twice = Assert.Throws<ConfigException>(() => MaLAM4Com.Cli.Scenarios.CooperationRun.Settings(config, "test", [], ["loss:iid:0.2", "loss:iid:0.3"]));
        Assert.Equal("--fault loss:iid:0.3 and --fault loss:iid:0.2 both set the random loss; give only one of them", twice.Message);
        var set = Assert.Throws<ConfigException>(() => MaLAM4Com.Cli.Scenarios.CooperationRun.Settings(config, "test", ["malam4com.faults.loss.iid-rate=0.1"], ["loss:iid:0.2"]));
        Assert.Equal("--fault loss:iid:0.2 and --set malam4com.faults.loss.iid-rate=0.1 both set the random loss; give only one of them", set.Message);
    }

    [Fact]
    public void AMissingFileOrBrokenHoconIsNamed()
    {
        var missing = Assert.Throws<ConfigException>(() => SettingsLoader.Load(Path.Combine(_dir, "nope.hocon"), []));
        Assert.Contains("nope.hocon' not found", missing.Message);
        var broken = Assert.Throws<ConfigException>(() => SettingsLoader.Load(File("malam4com { seed = "), []));
        Assert.Contains("is not valid HOCON", broken.Message);
    }

    [Theory]
    [InlineData("malam4com {\n  seed = 7\n", "line 1, column 11: '{' is never closed")]
    [InlineData("malam4com { seed = 7 }\n}\n", "line 2, column 1: '}' closes nothing that is open")]
    [InlineData("malam4com.faults.crashes = [\n", "line 1, column 28: '[' is never closed")]
    [InlineData("include \"absent.hocon\"\nmalam4com.seed = 7\n", "line 1, column 1: includes are not supported")]
    [InlineData("malam4com.seed = 7\n  include required(\"absent.hocon\")\n", "line 2, column 3: includes are not supported")]
    [InlineData("malam4com.seed = 7\n\u0000\u0001\u0002", "line 2, column 1: holds the control character U+0000")]
    [InlineData("malam4com.seed = \"7\n", "line 1, column 18: a quoted string is not closed")]
    public void MalformedHoconIsRefusedWithItsPosition(string hocon, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(File(hocon), []));
        Assert.Contains("is not valid HOCON at " + expected, e.Message);
    }

    [Fact]
    public void BracesInCommentsAndStringsAreNotCounted()
    {
        var path = File("malam4com {\n  # a } in a comment\n  seed = 7 // and { here\n  trace.path = \"a}b{.jsonl\"\n}\n");
        var settings = SettingsLoader.Load(path, []);
        Assert.Equal(7UL, settings.Seed);
        Assert.Equal("a}b{.jsonl", settings.Trace.Path);
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "MaLAM4Com.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("MaLAM4Com.sln not found above the test folder");
    }
}
