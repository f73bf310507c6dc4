using System.CommandLine;
using MaLAM4Com.Engine.Cluster;
using MaLAM4Com.Engine.Config;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Scenarios;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Cli;

/// <summary><c>malam4com run</c>: runs the scenario of a config file and writes its trace and summary.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "HOCON config file (keys it omits take the documented defaults).", DefaultValueFactory = _ => "config.hocon" };
        var set = new Option<string[]>("--set") { Description = "Override a config key: --set kernel.end-time=30s (repeatable).", AllowMultipleArgumentsPerToken = false };
        var fault = new Option<string[]>("--fault") { Description = $"Inject a fault (repeatable): {FaultArgument.Syntax}." };
        var output = new Option<string>("--out") { Description = "Folder for summary.json and summary.md.", DefaultValueFactory = _ => "results/run" };
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
            ClusterDriver? driver = null;
            if (parse.GetValue(onCluster))
            {
                var (host, port) = cluster.Self(parse);
                var spec = new RunSpec(Guid.NewGuid().ToString("N")[..12], CooperationRun.Scenario, text, sets, faults, settings.Trace.Enabled ? settings.Trace.Path : "");
                driver = new ClusterDriver(host, port, cluster.Seeds(parse, null), Arguments.Positive(parse.GetValue(members), "--members"), spec);
            }
            return Run(settings, parse.GetValue(output)!, string.Join(' ', ["malam4com", .. parse.Tokens.Select(t => t.Value)]), parse.InvocationConfiguration.Output, ProgressReporter.For(parse), driver);
        });
        return command;
    }

    public static int Run(SimulationSettings settings, string outDir, string commandLine, TextWriter output, ProgressReporter progress, ClusterDriver? driver = null)
    {
        var inputs = CooperationRun.Inputs(settings);
        var (topology, link, plan, _) = inputs;
        var kernel = settings.Kernel with { EndTimeUs = inputs.EndTimeUs };
        output.WriteLine($"malam4com run: {topology.Count} entities (1 cloud, {settings.Scenario.Edges} edges, {settings.Scenario.Agents} agents), {settings.Scenario.Rounds} rounds, seed {settings.Seed}");
        RunResult result;
        int reported = 0;
        int rounds = settings.Scenario.Rounds;
        long period = settings.Scenario.RoundPeriodUs;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        Action<KernelProgress> onProgress = p =>
        {
            int done = (int)Math.Min(rounds, p.SimulatedUs / period);
            if (done > reported)
            {
                reported = done;
                var eta = TimeSpan.FromSeconds(wall.Elapsed.TotalSeconds / done * (rounds - done));
                progress.Line($"round {done,4}/{rounds}  t={p.SimulatedUs / 1e6,8:F3}s  sent {p.Sent,9}  delivered {p.Delivered,9}  dropped {p.Dropped,7}  ETA {eta:mm\\:ss}");
            }
        };
        if (driver is not null)
        {
            result = driver.Run(inputs, settings.Kernel.Partitions, onProgress, progress.Line, output);
        }
        else
        {
            using var trace = settings.Trace.Enabled ? OpenTrace(settings.Trace.Path, topology) : null;
            result = SimulationKernel.Run(kernel, topology, link, plan, trace, onProgress);
        }
        if (settings.Trace.Enabled && settings.Trace.ChromePath.Length > 0)
        {
            long events = ChromeTraceExporter.Export(settings.Trace.Path, settings.Trace.ChromePath, (done, total) => progress.StepBytes(done, total, "Chrome trace"));
            progress.Done();
            output.WriteLine($"chrome trace: {settings.Trace.ChromePath} ({events} events; open it in Perfetto)");
        }
        Directory.CreateDirectory(outDir);
        Arguments.WriteJson(Path.Combine(outDir, "summary.json"), RunSummary.Json(settings, result));
        File.WriteAllText(Path.Combine(outDir, "summary.md"), RunSummary.Markdown(settings, result, commandLine));
        output.WriteLine($"done: {result.Counters.Sent} sent, {result.Counters.Delivered} delivered, {result.Counters.Dropped} dropped ({string.Join(", ", result.Counters.DroppedByReason.Select(kv => $"{kv.Key} {kv.Value}"))}), {result.Wall.TotalSeconds:F2}s wall");
        if (settings.Trace.Enabled)
            output.WriteLine($"trace: {settings.Trace.Path}");
        output.WriteLine($"summary: {Path.Combine(outDir, "summary.md")}");
        return 0;
    }

    private static JsonLinesTraceWriter OpenTrace(string path, Topology topology)
    {
        try
        {
            return new JsonLinesTraceWriter(path, topology.Names);
        }
        catch (IOException e)
        {
            throw new ConfigException("trace.path", $"\"{path}\"", e.Message);
        }
    }
}
