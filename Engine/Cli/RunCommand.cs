using System.CommandLine;
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
        var command = new Command("run", """
            Run the scenario of a config file: agents, edges and the cloud exchange knowledge through
            the channel environment under the simulated clock, with the configured faults.
            Examples:
              malam4com run
              malam4com run --set scenario.rounds=5 --fault crash:agent-3@2s-4s:restore
            """)
        {
            config, set, fault, output,
        };
        command.SetAction(parse =>
        {
            var configPath = parse.GetValue(config)!;
            var settings = SettingsLoader.Load(configPath, parse.GetValue(set) ?? []);
            var faults = (parse.GetValue(fault) ?? []).Aggregate(settings.Faults, (acc, f) => acc.With(FaultArgument.Parse(f, settings.Faults.Loss)));
            settings = settings with { Faults = faults };
            return Run(settings, parse.GetValue(output)!, string.Join(' ', ["malam4com", .. parse.Tokens.Select(t => t.Value)]), parse.InvocationConfiguration.Output, ProgressReporter.For(parse));
        });
        return command;
    }

    public static int Run(SimulationSettings settings, string outDir, string commandLine, TextWriter output, ProgressReporter progress)
    {
        var topology = CooperationScenario.Build(settings.Scenario, settings.Seed);
        var plan = FaultPlanBuilder.Build(settings.Faults, topology, settings.Seed);
        var link = CooperationScenario.LinkModel(settings);
        var kernel = settings.Kernel with { EndTimeUs = Math.Min(settings.Kernel.EndTimeUs, settings.Scenario.DurationUs + settings.Scenario.RoundPeriodUs) };
        output.WriteLine($"malam4com run: {topology.Count} entities (1 cloud, {settings.Scenario.Edges} edges, {settings.Scenario.Agents} agents), {settings.Scenario.Rounds} rounds, seed {settings.Seed}");
        RunResult result;
        using (var trace = settings.Trace.Enabled ? OpenTrace(settings.Trace.Path, topology) : null)
        {
            int reported = 0;
            int rounds = settings.Scenario.Rounds;
            long period = settings.Scenario.RoundPeriodUs;
            var wall = System.Diagnostics.Stopwatch.StartNew();
            result = SimulationKernel.Run(kernel, topology, link, plan, trace, p =>
            {
                int done = (int)Math.Min(rounds, p.SimulatedUs / period);
                if (done > reported)
                {
                    reported = done;
                    var eta = TimeSpan.FromSeconds(wall.Elapsed.TotalSeconds / done * (rounds - done));
                    progress.Line($"round {done,4}/{rounds}  t={p.SimulatedUs / 1e6,8:F3}s  sent {p.Sent,9}  delivered {p.Delivered,9}  dropped {p.Dropped,7}  ETA {eta:mm\\:ss}");
                }
            });
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
