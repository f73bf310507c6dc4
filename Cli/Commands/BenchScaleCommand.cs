using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MaLAM4Com.Cli.Bench;

namespace MaLAM4Com.Cli.Commands;

/// <summary>
/// <c>malam4com bench scale</c>: the lite round scenario at growing populations, each in a fresh process
/// of this program (so each peak memory figure is its own), with wall time per round, simulated messages
/// per second, peak memory, bytes per agent and the trace size.
/// </summary>
public static class BenchScaleCommand
{
    public static Command Create()
    {
        var agents = new Option<string>("--agents") { Description = "Comma-separated populations (each a multiple of --agents-per-edge).", DefaultValueFactory = _ => "10000,100000,1000000" };
        var rounds = new Option<int>("--rounds") { Description = "Rounds simulated per population.", DefaultValueFactory = _ => 5 };
        var perEdge = new Option<int>("--agents-per-edge") { Description = "Agents per edge coordinator.", DefaultValueFactory = _ => 1000 };
        var noTrace = new Option<bool>("--no-trace") { Description = "Run without writing the JSON Lines trace." };
        var traceDir = new Option<string>("--trace-dir") { Description = "Folder for the traces (each deleted after it is measured).", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "malam4com-bench-scale") };
        var keepTrace = new Option<bool>("--keep-trace") { Description = "Keep the traces in --trace-dir." };
        var set = new Option<string[]>("--set") { Description = "Override a config key of the scale scenario (repeatable), e.g. --set faults.loss.iid-rate=0.2." };
        var inProcess = new Option<bool>("--in-process") { Description = "Run every population in this process (peak memory is then the largest so far)." };
        var childJson = new Option<string?>("--child-json") { Hidden = true };
        var json = new Option<string?>("--json") { Description = "Also write the figures to this JSON file." };
        var command = new Command("scale", $"""
            The round scenario with lite fidelity ({string.Join(", ", ScaleBenchmark.Overrides(1000, 1000, 5).Skip(4))})
            at each population, one process per population: wall time per simulated round, simulated
            messages per second, peak memory, bytes per agent (peak / agents) and the trace size.
            A population whose run fails is reported with its error (also in the JSON) and the
            others go on; the exit code is then 1.
            Examples:
              malam4com bench scale --agents 10000,100000,1000000 --rounds 5 --json scale.json
              malam4com bench scale --agents 100000 --no-trace --set faults.loss.iid-rate=0.2
            """)
        {
            agents, rounds, perEdge, noTrace, traceDir, keepTrace, set, inProcess, childJson, json,
        };
        command.SetAction(parse =>
        {
            var sizes = Arguments.PositiveIntList(parse.GetValue(agents)!, "--agents");
            int r = Arguments.Positive(parse.GetValue(rounds), "--rounds");
            int edge = Arguments.Positive(parse.GetValue(perEdge), "--agents-per-edge");
            foreach (int n in sizes.Where(n => n % edge != 0))
                throw new UsageException($"--agents: {n} is not a multiple of --agents-per-edge ({edge})");
            bool trace = !parse.GetValue(noTrace);
            var dir = parse.GetValue(traceDir)!;
            bool keep = parse.GetValue(keepTrace);
            var extra = parse.GetValue(set) ?? [];
            var progress = ProgressReporter.For(parse);
            if (trace)
                Directory.CreateDirectory(dir);
            // Every population's settings are checked here, before any work: a child would only find a bad key after the populations before it ran.
            foreach (int n in sizes)
                ScaleBenchmark.Settings(n, edge, r, trace, dir, extra);
            ScalePoint Measure(int n) => ScaleBenchmark.Run(n, edge, r, trace, dir, keep, extra, progress.Line);
            if (parse.GetValue(childJson) is { } childPath)
            {
                File.WriteAllText(childPath, JsonSerializer.Serialize(Measure(sizes[0]), ChildJson));
                return 0;
            }
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"{"agents",10} {"round s",8} {"max round s",11} {"us/agent-round",14} {"sim msg/s",11} {"peak MB",8} {"B/agent",8} {"trace MB",9} {"setup s",8} {"NMSE dB",8} {"cpu s/round",11}");
            var figures = BenchHeader.For(parse);
            figures["trace"] = trace;
            bool failed = false;
            foreach (int n in sizes)
            {
                var (p, error) = parse.GetValue(inProcess) ? (Measure(n), null) : InChildProcess(n, edge, r, trace, dir, keep, extra, progress.Mode == ProgressMode.Quiet);
                if (p is null)
                {
                    // The other populations still run and are kept: one that runs out of memory says where the limit lies.
                    output.WriteLine($"{n,10} failed: {error}");
                    figures[n.ToString()] = new JsonObject { ["error"] = error };
                    failed = true;
                    continue;
                }
                output.WriteLine($"{p.Agents,10} {p.RoundWallSeconds,8:F2} {p.RoundSeconds.DefaultIfEmpty(0).Max(),11:F2} {p.MicrosecondsPerAgentRound,14:F2} {p.SimMessagesPerSecond,11:N0} "
                    + $"{p.PeakMemoryMb,8:F0} {p.BytesPerAgent,8:F0} {p.TraceBytes / 1048576.0,9:F0} {p.SetupSeconds,8:F1} {p.FinalNmseDb,8:F2} {p.RoundCpuSeconds,11:F2}");
                figures[n.ToString()] = new JsonObject
                {
                    ["round_wall_s"] = p.RoundWallSeconds,
                    ["round_walls_s"] = new JsonArray([.. p.RoundSeconds.Select(s => JsonValue.Create(s))]),
                    ["sim_msgs_per_s"] = p.SimMessagesPerSecond,
                    ["peak_mem_mb"] = p.PeakMemoryMb,
                    ["bytes_per_agent"] = p.BytesPerAgent,
                    ["us_per_agent_round"] = p.MicrosecondsPerAgentRound,
                    ["trace_bytes"] = p.TraceBytes,
                    ["setup_s"] = p.SetupSeconds,
                    ["messages_delivered"] = p.MessagesDelivered,
                    ["final_nmse_db"] = double.IsFinite(p.FinalNmseDb) ? p.FinalNmseDb : null,
                    ["heap_limit_mb"] = p.HeapLimitMb,
                    ["round_cpu_s"] = double.IsFinite(p.RoundCpuSeconds) ? p.RoundCpuSeconds : null,
                };
            }
            if (parse.GetValue(json) is { } jsonPath)
                Arguments.WriteJson(jsonPath, figures);
            return failed ? CommandErrors.Failure : 0;
        });
        return command;
    }

    // How a child hands its figures back: a one-round run has no CPU time per round (NaN), which plain JSON cannot hold.
    private static readonly JsonSerializerOptions ChildJson = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    // A fresh process of this program measures one population, so its peak memory is its own; a process that fails gives its exit code instead.
    private static (ScalePoint? Point, string? Error) InChildProcess(int agents, int perEdge, int rounds, bool trace, string traceDir, bool keep, IReadOnlyList<string> extra, bool quiet)
    {
        string result = Path.Combine(Path.GetTempPath(), $"malam4com-scale-{Environment.ProcessId}-{agents}.json");
        var start = SelfStartInfo();
        string[] args = ["bench", "scale", "--agents", agents.ToString(), "--rounds", rounds.ToString(), "--agents-per-edge", perEdge.ToString(),
            "--trace-dir", traceDir, "--child-json", result, .. extra.SelectMany(e => new[] { "--set", e })];
        foreach (var a in args)
            start.ArgumentList.Add(a);
        if (!trace)
            start.ArgumentList.Add("--no-trace");
        if (keep)
            start.ArgumentList.Add("--keep-trace");
        if (quiet)
            start.ArgumentList.Add("--quiet");
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {start.FileName}");
        child.WaitForExit();
        try
        {
            if (child.ExitCode != 0 || !File.Exists(result))
                return (null, $"the {agents}-agent run failed (exit code {child.ExitCode}); its errors are on the error stream");
            return (JsonSerializer.Deserialize<ScalePoint>(File.ReadAllText(result), ChildJson)!, null);
        }
        finally
        {
            File.Delete(result);
        }
    }

    /// <summary>
    /// How to start this program again: the apphost itself, or <c>dotnet</c> with this program's assembly. A host of
    /// another name (a test runner that loads the program as a library) starts the apphost built beside the assembly.
    /// </summary>
    internal static ProcessStartInfo SelfStartInfo()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program is running");
        var assembly = typeof(BenchScaleCommand).Assembly.Location;
        var name = Path.GetFileNameWithoutExtension(path);
        if (name == "dotnet")
            return new ProcessStartInfo(path) { UseShellExecute = false, ArgumentList = { assembly } };
        if (name != Path.GetFileNameWithoutExtension(assembly))
            path = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        return new ProcessStartInfo(path) { UseShellExecute = false };
    }
}
