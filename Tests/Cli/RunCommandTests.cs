using System.Security.Cryptography;

namespace MaLAM4Com.Tests.Cli;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => Cli.Run(args);

    // The default scenario with the lite back-end (the protocol is the same for both), over 4 rounds.
    private string[] Small(string name, string fidelity = "lite") =>
    [
        "run", "--config", Path.Combine(Config.SettingsLoaderTests.RepoRoot(), "config.hocon"),
        "--out", Path.Combine(_dir, name), "--set", $"scenario.learning.fidelity={fidelity}",
        "--set", "scenario.rounds=4", "--set", $"trace.path={Path.Combine(_dir, name, "trace.jsonl")}",
        "--set", $"trace.chrome={Path.Combine(_dir, name, "trace.chrome.json")}",
        "--fault", "crash:agent-3@1500ms-2500ms:restore",
    ];

    [Fact]
    public void TheDefaultScenarioRunsPrintsRoundsAndIsReproducible()
    {
        var first = Run(Small("a"));
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("round   1/4", first.Err);
        Assert.Matches(@"round   4/4  t=   4\.0s  NMSE +-?\d+\.\d\d dB  bytes +[\d,]+  queue +[\d,]+ B  dropped +\d+", first.Err);
        Assert.Contains("chrome trace:", first.Out);
        // The late joiners come in round 3 of 4: the headline covers every agent of the last round.
        Assert.Matches(@"final round: mean NMSE -?\d+\.\d\d dB over 48 agents", first.Out);
        Assert.Contains("crashed", File.ReadAllText(Path.Combine(_dir, "a", "trace.jsonl")));
        // The run reports how fast its agents learned.
        var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "a", "summary.json"))).RootElement;
        var learning = summary.GetProperty("learning");
        Assert.True(learning.GetProperty("agent_train_samples_per_s").GetDouble() > 0);
        Assert.True(learning.GetProperty("cores_busy").GetDouble() > 0);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, learning.GetProperty("lam_samples_per_s").ValueKind);
        // Its longest windows, longest first, each a share of the kernel's wall.
        var windows = summary.GetProperty("longest_windows").EnumerateArray().ToList();
        Assert.Equal(Math.Min(5, summary.GetProperty("windows").GetInt64()), windows.Count);
        Assert.Equal(windows.Select(w => w.GetProperty("wall_s").GetDouble()).OrderDescending(), windows.Select(w => w.GetProperty("wall_s").GetDouble()));
        Assert.All(windows, w => Assert.InRange(w.GetProperty("share").GetDouble(), 0, 1));
        Assert.All(windows, w => Assert.True(w.GetProperty("end_us").GetInt64() > w.GetProperty("start_us").GetInt64()));
        var md = File.ReadAllText(Path.Combine(_dir, "a", "summary.md"));
        Assert.Contains("| messages sent |", md);
        Assert.Matches(@"\| window \d+ \[\d+ us, \d+ us\) \| \d+\.\d\d s of \d+\.\d\d s \|", md);
        Assert.Equal(0, Run(Small("b")).Code);
        Assert.Equal(Hash(Path.Combine(_dir, "a", "trace.jsonl")), Hash(Path.Combine(_dir, "b", "trace.jsonl")));
    }

    [Theory]
    [InlineData("out-file", "--out")]
    [InlineData("trace-folder", "trace.path")]
    [InlineData("chrome-under-file", "trace.chrome")]
    public void AnOutputThatCannotBeWrittenIsRefusedBeforeTheRun(string kind, string named)
    {
        var file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "kept");
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "a-folder")).FullName;
        string[] args = kind switch
        {
            "out-file" => [.. Small("x").Select(a => a == Path.Combine(_dir, "x") ? file : a)],
            "trace-folder" => [.. Small("x"), "--set", $"trace.path={folder}"],
            _ => [.. Small("x"), "--set", $"trace.chrome={Path.Combine(file, "trace.chrome.json")}"],
        };
        var result = Run(args);
        Assert.Equal(2, result.Code);
        Assert.Single(result.Err.TrimEnd('\n').Split('\n'));
        Assert.Contains(named, result.Err);
        Assert.DoesNotContain("round", result.Err);
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
        Assert.Equal("kept", File.ReadAllText(file));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public void AChromeTraceAtTheTracePathIsRefusedBeforeTheRun()
    {
        var trace = Path.Combine(_dir, "x", "trace.jsonl");
        var result = Run([.. Small("x"), "--set", $"trace.chrome={trace}"]);
        Assert.Equal(2, result.Code);
        Assert.Equal($"error: config key 'trace.chrome' and config key 'trace.path' both write '{trace}'; give them different files\n", result.Err.ReplaceLineEndings("\n"));
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
    }

    [Theory]
    [InlineData("crash:nobody-1@1s-2s", "unknown entity")]
    [InlineData("crash:agent-3@2s-3s", "overlap")]
    [InlineData("link-down:layer=nowhere@1s-2s", "unknown layer")]
    public void AFaultNamingWhatThePopulationLacksIsRefusedBeforeAnyModelIsBuiltAndLeavesNoTraceBehind(string fault, string expected)
    {
        // Full fidelity: a LAM loaded or pretrained first would say so on the error stream, before the error.
        var result = Run([.. Small("x", "full"), "--fault", fault]);
        Assert.Equal(2, result.Code);
        Assert.Contains(expected, result.Err);
        Assert.StartsWith("error: ", result.Err);
        Assert.Single(result.Err.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
    }

    [Theory]
    [InlineData("--fault", "partition:edge-0,agent-0||cloud@1s-2s",
        "config key '--fault partition:edge-0,agent-0||cloud@1s-2s' = [\"edge-0,agent-0\", \"\", \"cloud\"]: group 2 names no entity; every group lists at least one entity name")]
    [InlineData("--set", "faults.partitions=[{ groups = [\"cloud\", \" \"], from = 1s, to = 2s }]",
        "config key 'faults.partitions[0].groups' = [\"cloud\", \"\"]: group 2 names no entity; every group lists at least one entity name")]
    [InlineData("--fault", "link-down:agent-0<->agent-1@1s-2s",
        "config key '--fault link-down:agent-0<->agent-1@1s-2s' = agent-0<->agent-1: agent-0 and agent-1 exchange no messages; agent-0 is linked to edge-0")]
    [InlineData("--fault", "link-down:cloud<->agent-5@1s-2s",
        "config key '--fault link-down:cloud<->agent-5@1s-2s' = cloud<->agent-5: cloud and agent-5 exchange no messages; cloud is linked to edge-0, edge-1, edge-2; worker-0, worker-1")]
    [InlineData("--set", "faults.link-down=[{ link = \"edge-1<->edge-1\", from = 1s, to = 2s }]",
        "config key 'faults.link-down[0].link' = edge-1<->edge-1: a link joins two different entities; to take down all links of one, use node=NAME")]
    [InlineData("--fault", "crash:agent-1@5s",
        "config key '--fault crash:agent-1@5s' = 5s: starts at or after the run's end (5s), so it would do nothing; give a time before it")]
    public void AFaultThatNamesNothingIsRefusedInOneLineAndWritesNothing(string option, string value, string expected)
    {
        var result = Run([.. Small("x"), option, value]);
        Assert.Equal((2, $"error: {expected}\n"), (result.Code, result.Err.ReplaceLineEndings("\n")));
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
    }

    [Theory]
    [InlineData("--fault", "loss:iid:0.2", "--fault", "loss:gilbert-elliott:0.1,0.5,0,1", "--fault loss:gilbert-elliott:0.1,0.5,0,1 and --fault loss:iid:0.2 both set the random loss")]
    [InlineData("--fault", "loss:iid:0.2", "--set", "faults.loss.model=none", "--fault loss:iid:0.2 and --set faults.loss.model=none both set the random loss")]
    [InlineData("--set", "faults.loss.model=none", "--fault", "loss:iid:0.2", "--fault loss:iid:0.2 and --set faults.loss.model=none both set the random loss")]
    public void TwoOptionsThatSetTheRandomLossAreRefusedWhateverTheOrder(string firstOption, string first, string secondOption, string second, string expected)
    {
        var result = Run([.. Small("x"), firstOption, first, secondOption, second]);
        Assert.Equal((2, $"error: {expected}; give only one of them\n"), (result.Code, result.Err.ReplaceLineEndings("\n")));
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
    }

    [Fact]
    public void TheReportOfARealRunPlotsItsPerRoundNmseAndNamesNoMachinePath()
    {
        Assert.Equal(0, Run(Small("report")).Code);
        var dir = Path.Combine(_dir, "report");
        var report = Run("report", dir);
        Assert.True(report.Code == 0, report.Err);
        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        int start = html.IndexOf("<section id=\"nmse\">", StringComparison.Ordinal);
        var nmse = html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
        Assert.DoesNotContain("No nmse", nmse);
        Assert.Contains("<img alt=\"NMSE per round\"", nmse);
        Assert.DoesNotContain(_dir, html);
        Assert.DoesNotContain(Path.GetTempPath(), html);
    }

    [Theory]
    [InlineData("fixed-rate")]
    [InlineData("radio")]
    public void TheRadioLinkModelGivesEachAgentItsOwnDelay(string model)
    {
        var result = Run([.. Small(model), "--set", $"link.model={model}", "--set", "scenario.rounds=1", "--set", "faults.loss.model=none", "--set", "scenario.late-join.agents=0"]);
        Assert.True(result.Code == 0, result.Err);
        var anchors = File.ReadLines(Path.Combine(_dir, model, "trace.jsonl"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Where(r => r.TryGetProperty("type", out var type) && type.GetString() == "AnchorSet" && r.GetProperty("to").GetString()!.StartsWith("agent-"))
            .ToList();
        var sent = anchors.Where(r => r.GetProperty("ev").GetString() == "send").ToDictionary(r => r.GetProperty("id").GetInt64(), r => r.GetProperty("t").GetInt64());
        var reports = anchors.Where(r => r.GetProperty("ev").GetString() == "deliver")
            .Select(r => r.GetProperty("t").GetInt64() - sent[r.GetProperty("id").GetInt64()])
            .ToList();
        Assert.Equal(48, reports.Count);
        // Each agent gets its region's anchors (same size for all): one delay for every link at a fixed rate;
        // under the radio model each agent's region (distance, LOS) and shadowing give its own.
        int distinct = reports.Distinct().Count();
        Assert.True(model == "radio" ? distinct > 40 : distinct == 1, $"{distinct} distinct delays");
        Assert.All(reports, t => Assert.True(t >= 1_000));
    }

    [Fact]
    public void AgentsKeepTheirLongRunBytesWithinTheBudgetAndTraceTheirQueues()
    {
        var result = Run([.. Small("budget"), "--set", "scenario.rounds=40", "--set", "scenario.cooperation.byte-budget=6000", "--set", "scenario.late-join.agents=0"]);
        Assert.True(result.Code == 0, result.Err);
        var records = File.ReadLines(Path.Combine(_dir, "budget", "trace.jsonl")).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        long reportBytes = records.Where(r => r.GetProperty("ev").GetString() == "send" && r.GetProperty("type").GetString() == "KnowledgeReport")
            .Sum(r => r.GetProperty("bytes").GetInt64());
        // Agents share from round 1 (round 0 brings their anchors); agent-3 crashes for a round.
        Assert.InRange(reportBytes / (48.0 * 39), 0.5 * 6000, 1.05 * 6000);
        Assert.Contains(records, r => r.GetProperty("ev").GetString() == "metric" && r.GetProperty("name").GetString() == "queue_bytes" && r.GetProperty("value").GetDouble() > 0);
        Assert.Contains(records, r => r.GetProperty("ev").GetString() == "metric" && r.GetProperty("name").GetString() == "queue_energy");
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void BadInputExitsWithCodeTwoAndNamesTheProblem()
    {
        var missing = Run("run", "--config", Path.Combine(_dir, "absent.hocon"));
        Assert.Equal((2, true), (missing.Code, missing.Err.Contains("absent.hocon' not found")));
        var badKey = Run([.. Small("c"), "--set", "kernel.thread=4"]);
        Assert.Equal((2, true), (badKey.Code, badKey.Err.Contains("'kernel.thread'")));
        var unknownNode = Run([.. Small("d"), "--fault", "crash:agent-999@1s"]);
        Assert.Equal((2, true), (unknownNode.Code, unknownNode.Err.Contains("agent-999")));
        var option = Run("run", "--frobnicate");
        Assert.Equal((2, true), (option.Code, option.Err.Contains("--frobnicate")));
        var trace = Run([.. Small("e"), "--set", "trace.path=/proc/nowhere/trace.jsonl"]);
        Assert.Equal((2, true), (trace.Code, trace.Err.Contains("trace.path")));
        Assert.False(Directory.Exists(Path.Combine(_dir, "e")), "a run that failed before starting must leave no output");
    }

    // A cluster run that fails (a stall, its driver's member downed) ends the way every other error does.
    [Fact]
    public void AFailedRunEndsWithOneErrorLineAndCodeOneNotAStackTrace()
    {
        var root = new System.CommandLine.RootCommand();
        var failing = new System.CommandLine.Command("run");
        Func<System.CommandLine.ParseResult, int> fail = _ => throw new Engine.Kernel.SimulationFailedException("the run stopped moving: nothing reached the clock for 60s");
        failing.SetAction(fail);
        root.Subcommands.Add(failing);
        var output = new StringWriter();
        var error = new StringWriter();

        int code = MaLAM4Com.Cli.Commands.CommandLine.Run(root, ["run"], output, error);

        Assert.Equal(MaLAM4Com.Cli.Commands.CommandErrors.Failure, code);
        Assert.Equal("error: the run stopped moving: nothing reached the clock for 60s\n", error.ToString().ReplaceLineEndings("\n"));
        Assert.Empty(output.ToString());
    }
}
