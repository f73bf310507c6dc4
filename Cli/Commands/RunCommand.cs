using System.CommandLine;
using MaLAM4Com.Channels;
using MaLAM4Com.Cli.Config;
using MaLAM4Com.Cli.Scenarios;
using MaLAM4Com.Cli.Tracing;
using MaLAM4Com.Engine.Cluster;
using MaLAM4Com.Engine.Config;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Tracing;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Cli.Commands;

/// <summary><c>malam4com run</c>: runs the scenario of a config file and writes its trace and summary.</summary>
public static class RunCommand
{
    private const string SummaryJson = "summary.json";
    private const string SummaryMarkdown = "summary.md";

    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "HOCON config file (keys it omits take the documented defaults; one file: includes are refused).", DefaultValueFactory = _ => "config.hocon" };
        var set = new Option<string[]>("--set") { Description = "Override a config key: --set kernel.end-time=30s (repeatable).", AllowMultipleArgumentsPerToken = false };
        var fault = new Option<string[]>("--fault") { Description = $"Inject a fault (repeatable): {FaultArgument.Syntax}. A loss: fault replaces faults.loss of the config file; give at most one, and not with --set faults.loss.*." };
        var output = new Option<string>("--out") { Description = "Folder for summary.json and summary.md (created if missing). It, trace.path and trace.chrome are checked before the run starts; no two may name the same file, nor the config.", DefaultValueFactory = _ => "results/run" };
        var onCluster = new Option<bool>("--cluster") { Description = "Run on a cluster: this process joins it as a member and drives the run (see 'malam4com node')." };
        var members = new Option<int>("--members") { Description = "With --cluster: members to wait for, this one included.", DefaultValueFactory = _ => 3 };
        var cluster = new ClusterOptions(defaultPort: 0);
        var command = new Command("run", """
            Run the scenario of a config file: agents, edges and the cloud exchange knowledge through
            the channel environment under the simulated clock, with the configured faults.
            Examples:
              malam4com run
              malam4com run --set scenario.rounds=5 --fault crash:agent-3@2s-4s:restore
              malam4com run --cluster --seed-nodes 127.0.0.1:4053 --members 3
            """)
        {
            config, set, fault, output, onCluster, members,
        };
        foreach (var option in cluster.All)
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var configPath = parse.GetValue(config)!;
            if (!File.Exists(configPath))
                throw new ConfigException($"config file '{configPath}' not found (give another with --config PATH)");
            var text = File.ReadAllText(configPath);
            var sets = parse.GetValue(set) ?? [];
            var faults = parse.GetValue(fault) ?? [];
            var settings = CooperationRun.Settings(text, $"'{configPath}'", sets, faults);
            CheckOutputs(settings.Trace, parse.GetValue(output)!, configPath, parse.GetValue(onCluster));
            ClusterDriver? driver = null;
            if (parse.GetValue(onCluster))
            {
                var (host, port) = cluster.Self(parse);
                var spec = new RunSpec(Guid.NewGuid().ToString("N")[..12], CooperationRun.Scenario, text, sets, faults, settings.Trace.Enabled ? ClusterTracePath(settings.Trace) : "");
                driver = new ClusterDriver(host, port, cluster.Seeds(parse, null), Arguments.Positive(parse.GetValue(members), "--members"), spec, CooperationRun.BuildCapped);
            }
            return Run(settings, parse.GetValue(output)!, string.Join(' ', ["malam4com", .. parse.Tokens.Select(t => t.Value)]), parse.InvocationConfiguration.Output, ProgressReporter.For(parse), driver);
        });
        return command;
    }

    public static int Run(SimulationSettings settings, string outDir, string commandLine, TextWriter output, ProgressReporter progress, ClusterDriver? driver = null)
    {
        var s = settings.Scenario;
        output.WriteLine($"malam4com run: 1 cloud, {s.Edges} edges, {s.Agents} agents, {s.DistillationWorkers} distillation workers; "
            + $"{s.Method.Name} ({s.Learning.Fidelity.Name()} fidelity) at rho {SamplingRatio.Format(s.Learning.Rho)}, {s.Rounds} rounds, seed {settings.Seed}");
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var names = CooperationScenario.Layout(s);
        // The ETA is the rounds' own pace (kernel windows, from the first on), not the setup before them (model
        // pretraining, population) spread over the rounds. The kernel's thread observes, the trace reader's reports.
        var timer = new RoundTimer(s.RoundPeriodUs, s.Rounds);
        double roundsStart = double.NaN;
        var outcome = driver is not null
            ? ScenarioRunner.RunOnCluster(settings, driver, progress.Log, progress.Line, output)
            : ScenarioRunner.Run(settings, settings.Trace.Enabled ? () => OpenTrace(settings.Trace, names) : null, progress.Log, round =>
        {
            string eta;
            lock (timer)
                eta = timer.Eta(roundsStart, wall.Elapsed.TotalSeconds) is { } left ? $"{TimeSpan.FromSeconds(left):mm\\:ss}" : "--:--";
            progress.Line($"round {round.Round + 1,3}/{s.Rounds}  t={round.SimulatedS,6:F1}s  NMSE {round.MeanNmseDb,7:F2} dB  "
                + $"bytes {round.CooperationBytes,10:N0}  queue {round.MeanQueueBytes,9:N0} B  dropped {round.Dropped,4}  ETA {eta}");
        }, window =>
        {
            lock (timer)
            {
                if (double.IsNaN(roundsStart))
                    roundsStart = wall.Elapsed.TotalSeconds;
                timer.Observe(window.SimulatedUs, wall.Elapsed.TotalSeconds);
            }
        });
        var result = outcome.Result;
        if (driver is not null && settings.Trace.Enabled && ClusterTracePath(settings.Trace) is var merged && merged != settings.Trace.Path)
        {
            TraceConverter.Convert(merged, settings.Trace.Path, settings.Trace.Format, (done, total) => progress.StepBytes(done, total, "Parquet trace"));
            progress.Done();
            File.Delete(merged);
        }
        if (settings.Trace.Enabled && settings.Trace.ChromePath.Length > 0)
        {
            long events = ChromeTraceExporter.Export(settings.Trace.Path, settings.Trace.ChromePath, (done, total) => progress.StepBytes(done, total, "Chrome trace"));
            progress.Done();
            output.WriteLine($"chrome trace: {settings.Trace.ChromePath} ({events} events; open it in Perfetto)");
        }
        Directory.CreateDirectory(outDir);
        Arguments.WriteJson(Path.Combine(outDir, SummaryJson), RunSummary.Json(settings, outcome));
        File.WriteAllText(Path.Combine(outDir, SummaryMarkdown), RunSummary.Markdown(settings, outcome, commandLine));
        var last = outcome.Last;
        output.WriteLine($"done: {result.Counters.Sent} sent, {result.Counters.Delivered} delivered, {result.Counters.Dropped} dropped ({string.Join(", ", result.Counters.DroppedByReason.Select(kv => $"{kv.Key} {kv.Value}"))}), {result.Wall.TotalSeconds:F2}s wall");
        if (last is not null)
            output.WriteLine($"final round: mean NMSE {last.MeanNmseDb:F2} dB over {last.Agents} agents; {outcome.BytesPerRound:N0} cooperation bytes per round on average");
        if (settings.Trace.Enabled)
            output.WriteLine($"trace: {settings.Trace.Path}");
        output.WriteLine($"summary: {Path.Combine(outDir, SummaryMarkdown)}");
        return 0;
    }

    // Refused before the run starts: a run that cannot write what it made loses its time, and no output may replace
    // the config read or another output (the Chrome trace is made from the trace).
    private static void CheckOutputs(TraceSettings trace, string outDir, string configPath, bool onCluster)
    {
        var outputs = new List<(string Name, string Path)> { ("--out", Path.Combine(outDir, SummaryJson)), ("--out", Path.Combine(outDir, SummaryMarkdown)) };
        if (trace.Enabled)
        {
            outputs.Add(("config key 'trace.path'", trace.Path));
            if (trace.ChromePath.Length > 0)
                outputs.Add(("config key 'trace.chrome'", trace.ChromePath));
        }
        for (int i = 0; i < outputs.Count; i++)
        {
            if (OutputPath.Same(outputs[i].Path, configPath))
                throw new UsageException($"{outputs[i].Name} writes '{outputs[i].Path}', the config file this run reads; give another path");
            for (int j = 0; j < i; j++)
            {
                if (OutputPath.Same(outputs[i].Path, outputs[j].Path))
                    throw new UsageException($"{outputs[i].Name} and {outputs[j].Name} both write '{outputs[i].Path}'; give them different files");
            }
        }
        if (OutputPath.FolderProblem(outDir) is { } folder)
            throw new UsageException($"--out '{outDir}': {folder}");
        foreach (var name in new[] { SummaryJson, SummaryMarkdown })
        {
            if (OutputPath.FileProblem(Path.Combine(outDir, name)) is { } file)
                throw new UsageException($"--out '{outDir}': {name} there: {file}");
        }
        if (!trace.Enabled)
            return;
        if (OutputPath.FileProblem(trace.Path) is { } tracePath)
            throw new ConfigException("trace.path", $"\"{trace.Path}\"", tracePath);
        if (trace.ChromePath.Length > 0 && OutputPath.FileProblem(trace.ChromePath) is { } chromePath)
            throw new ConfigException("trace.chrome", $"\"{trace.ChromePath}\"", chromePath);
        if (onCluster && ClusterTracePath(trace) is var merged && merged != trace.Path && File.Exists(merged))
            throw new ConfigException("trace.path", $"\"{trace.Path}\"", $"a cluster run merges its members' traces into '{merged}' before writing {trace.Format.Name()}, and that file exists; move it or give another trace.path");
    }

    // Members write JSON Lines, which the driver merges; another format is made from the merged file, a sibling
    // of the trace that is deleted once converted.
    private static string ClusterTracePath(TraceSettings trace) =>
        trace.Format == TraceFormat.Jsonl ? trace.Path : Path.ChangeExtension(trace.Path, ".cluster.jsonl");

    internal static ITraceSink OpenTrace(TraceSettings trace, Actors.Domain.PopulationLayout layout)
    {
        var path = trace.Path;
        try
        {
            return TraceFile.OpenWriter(path, trace.Format, Enumerable.Range(0, layout.Count).Select(i => layout.Describe(i).Name).ToArray());
        }
        catch (IOException e)
        {
            throw new ConfigException("trace.path", $"\"{path}\"", e.Message);
        }
    }
}
