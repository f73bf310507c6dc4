using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using MaLAM4Com.Cli.Bench;

namespace MaLAM4Com.Cli.Commands;

/// <summary>
/// <c>malam4com bench scaleout</c>: the lite round scenario of <c>bench scale</c> on one process pinned to one core
/// against clusters whose members are processes pinned to a core each, traced and untraced, with the speed-up of
/// each cluster over the one process and whether their merged traces equal the one process's, byte for byte.
/// </summary>
public static class BenchScaleoutCommand
{
    private static readonly string[] TraceModes = ["both", "on", "off"];
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    public static Command Create()
    {
        var agents = new Option<string>("--agents") { Description = "Comma-separated populations (each a multiple of --agents-per-edge).", DefaultValueFactory = _ => "100000,1000000" };
        var members = new Option<string>("--members") { Description = "Comma-separated cluster sizes (each at least 1 and at most the cores this process may use).", DefaultValueFactory = _ => "1,2" };
        var repeat = new Option<int>("--repeat") { Description = "Runs of each configuration, interleaved (one process, then each cluster size, again); figures are their medians.", DefaultValueFactory = _ => 1 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds simulated per run.", DefaultValueFactory = _ => 3 };
        var perEdge = new Option<int>("--agents-per-edge") { Description = "Agents per edge coordinator.", DefaultValueFactory = _ => 1000 };
        var trace = new Option<string>("--trace") { Description = "Which variants to run: both (traced and untraced), on (traced only) or off (untraced only).", DefaultValueFactory = _ => "both" };
        var traceDir = new Option<string>("--trace-dir") { Description = "Folder for each run's config, summary and trace (deleted after the run).", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "malam4com-bench-scaleout") };
        var set = new Option<string[]>("--set") { Description = "Override a config key in every process (repeatable), e.g. --set kernel.heap-limit-mb=4096." };
        var timeout = new Option<string>("--timeout") { Description = "Longest a run may take (us, ms, s or min); one still running is stopped and reported as failed.", DefaultValueFactory = _ => "60min" };
        var json = new Option<string?>("--json") { Description = "Also write the figures to this JSON file (by population, then untraced / traced)." };
        var logs = new Option<string?>("--logs") { Description = "Folder that keeps the whole output of every process of a failed run, a file each (default: beside --json, named after it with -logs, or logs in --trace-dir)." };
        var command = new Command("scaleout", """
            The lite round scenario of 'bench scale' as separate processes of this program, each pinned to
            a core of its own with taskset: one process ('run') on each core the largest cluster uses, one
            after the other, then for each cluster size M the driver ('run --cluster --members M') on the
            first core and M-1 members ('node') on the next cores. Times are the kernel's own wall
            (summary.json's wall_s); speed-up = the fastest of the one-process runs / M members: the cores
            of a virtual machine need not run alike, and the cluster is held to the best one core does
            (one_core_s and one_core_cpu are that core's; one_core_by_cpu gives every core's). With
            --repeat N each configuration runs N times, interleaved, and the figures are medians (a speed-up
            is the median of each repeat's ratio; every run's figures are kept too).
            Its peer: one process given all the cores the largest cluster uses, a partition per core
            with shared memory (shared_memory: its wall and its speed-up over the fastest one core;
            vs_shared_memory per cluster size: that process's wall / the cluster's, 1 or more when
            the members are as fast as the same cores sharing memory).
            Each run also gives the CPU seconds its processes used (cpu s; cpu_s in the JSON: the same
            work taking more CPU time is the machine), how long each partition worked (busy s; busy_s: a
            cluster's partition per member, the rest of the kernel wall it waited for the others), the walls
            of its longest windows (longest windows s, the first three; longest_windows_s: up to five, longest
            first: a window's work is split as the partitions own its entities), and a walk of dependent reads through a 32 MB
            array is timed on each of those cores just before and just after it (core probe ms;
            cores_ms): a core of a virtual machine can run slower for seconds at a time.
            Traced runs' traces are checked byte-identical to the first one process's trace
            (traces_identical). A run that fails (out of memory under kernel.heap-limit-mb, --timeout) is
            reported with its error and the others go on; the exit code is then 1. Each process of a failed
            run leaves its whole output in a file under --logs (NAME-logs beside --json NAME.json by default),
            whose paths the error and the JSON give. Needs taskset and 2 cores.
            Examples:
              malam4com bench scaleout --agents 100000,1000000 --members 1,2 --json scaleout.json
              malam4com bench scaleout --agents 100000 --members 2 --repeat 3 --json scaleout-100000.json
              malam4com bench scaleout --agents 1000000 --members 1,2 --trace off --set kernel.heap-limit-mb=6144
            """)
        {
            agents, members, repeat, rounds, perEdge, trace, traceDir, set, timeout, json, logs,
        };
        command.SetAction(parse =>
        {
            // Every value is checked before anything runs.
            var sizes = Arguments.PositiveIntList(parse.GetValue(agents)!, "--agents").Distinct().ToList();
            var clusters = Arguments.PositiveIntList(parse.GetValue(members)!, "--members").Distinct().ToList();
            int repeats = Arguments.Positive(parse.GetValue(repeat), "--repeat");
            int r = Arguments.Positive(parse.GetValue(rounds), "--rounds");
            int edge = Arguments.Positive(parse.GetValue(perEdge), "--agents-per-edge");
            foreach (int n in sizes.Where(n => n % edge != 0))
                throw new UsageException($"--agents: {n} is not a multiple of --agents-per-edge ({edge})");
            var mode = parse.GetValue(trace)!;
            if (!TraceModes.Contains(mode))
                throw new UsageException($"--trace must be {string.Join(", ", TraceModes)}, got '{mode}'");
            long limitUs = Arguments.Duration(parse.GetValue(timeout)!, "--timeout");
            if (limitUs < 1_000_000)
                throw new UsageException($"--timeout: '{parse.GetValue(timeout)}' must be at least 1s");
            if (ScaleoutBenchmark.Unsupported() is { } why)
                throw new UsageException(why);
            var cpus = PinnedProgram.Cpus();
            foreach (int m in clusters.Where(m => m > cpus.Count))
                throw new UsageException($"--members: {m} needs {m} cores (one per member), this process may use {cpus.Count}; allowed: 1 to {cpus.Count}");
            // One process runs on every core a cluster uses: the cluster is compared with the fastest of them.
            var baselineCpus = cpus.Take(clusters.Max()).ToList();

            var target = parse.GetValue(json);
            var logDir = parse.GetValue(logs) ?? (target is not null ? Path.ChangeExtension(target, null) + "-logs" : Path.Combine(parse.GetValue(traceDir)!, "logs"));
            var setup = new ScaleoutSetup(edge, r, parse.GetValue(set) ?? [], parse.GetValue(traceDir)!, TimeSpan.FromTicks(limitUs * 10), logDir);
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var progress = ProgressReporter.For(parse);
            var figures = BenchHeader.For(parse);
            figures["rounds"] = r;
            figures["repeats"] = repeats;
            figures["agents_per_edge"] = edge;
            bool failed = false;
            output.WriteLine($"{"agents",10} {"trace",6} {"run",-30} {"kernel s",9} {"process s",10} {"speed-up",9} {"vs shared",9} {"cpu s",8} {"busy s",-12} {"longest windows s",-17}  core probe ms before / after ({string.Join(", ", baselineCpus.Select(c => $"core {c}"))})");
            foreach (int n in sizes)
            {
                var population = new JsonObject();
                figures[Key(n)] = population;
                foreach (bool traced in Variants(mode))
                {
                    string variant = traced ? "traced" : "untraced";
                    ScaleoutRun Measure(int m, IReadOnlyList<int> cores, int repeat)
                    {
                        progress.Line($"{n:N0} agents, {variant}: {Describe(m, cores)}{(repeats > 1 ? $", repeat {repeat + 1} of {repeats}" : "")}");
                        // The cores' speed beside each run: a slow spell of one of them shows here, not in the program.
                        var before = CoreSpeeds.Probe(baselineCpus);
                        var cpuBefore = ChildCpuTime.Now();
                        var run = ScaleoutBenchmark.Run(n, m, traced, cores, setup);
                        var cpu = ChildCpuTime.Now() - cpuBefore;
                        // The processes just ended give their memory back first, on some core.
                        Thread.Sleep(SettleTime);
                        run = run with { Cores = new CoreSpeeds(before, CoreSpeeds.Probe(baselineCpus)), Cpu = cpu };
                        if (run.Error is not null)
                        {
                            failed = true;
                            error.WriteLine($"error: {n} agents, {variant}, {Describe(m, cores)}: {run.Error}");
                            error.WriteLine($"  whole output: {string.Join(", ", run.Logs)}");
                        }
                        if (run.Outages > 0)
                            error.WriteLine($"warning: {n} agents, {variant}, {m} members: {run.Outages} member(s) lost during the run; it finished on fewer cores (outages in the JSON)");
                        return run;
                    }
                    // Repeats interleave the configurations, so that each cluster run sits beside the one-process run it is compared with.
                    var alone = baselineCpus.Select(_ => new ScaleoutSeries()).ToList();
                    var series = clusters.ToDictionary(m => m, _ => new ScaleoutSeries());
                    // The cluster's peer: one process on all the cores the largest cluster uses, sharing its memory.
                    var shared = baselineCpus.Count > 1 ? new ScaleoutSeries() : null;
                    for (int i = 0; i < repeats; i++)
                    {
                        foreach (var (cpu, k) in baselineCpus.Select((c, k) => (c, k)))
                        {
                            var run = Measure(0, [cpu], i);
                            alone[k].Add(run);
                            Print(output, n, traced, Label($"one process, core {cpu}", i, repeats), run, null, null);
                        }
                        if (shared is not null)
                        {
                            var run = Measure(0, baselineCpus, i);
                            shared.Add(run);
                            Print(output, n, traced, Label($"one process, cores {string.Join(",", baselineCpus)}", i, repeats), run, ScaleoutSeries.PairedSpeedup(ScaleoutSeries.FastestWall(alone, i), run), null);
                        }
                        foreach (int m in clusters)
                        {
                            var run = Measure(m, [.. cpus.Take(m)], i);
                            series[m].Add(run);
                            Print(output, n, traced, Label(Count(m, "member"), i, repeats), run, ScaleoutSeries.PairedSpeedup(ScaleoutSeries.FastestWall(alone, i), run),
                                shared is null ? null : ScaleoutSeries.PairedSpeedup(ScaleoutSeries.FastestWall([shared], i), run));
                        }
                    }
                    var one = ScaleoutSeries.Fastest(alone);
                    var byCpu = new JsonObject();
                    foreach (var (cpu, k) in baselineCpus.Select((c, k) => (c, k)))
                    {
                        byCpu[Key(cpu)] = new JsonObject { ["kernel_s"] = alone[k].KernelSeconds, ["process_s"] = alone[k].ProcessSeconds, ["runs_s"] = Walls(alone[k]), ["cpu_s"] = CpuTimes(alone[k]), ["busy_s"] = BusyTimes(alone[k]), ["longest_windows_s"] = WindowTimes(alone[k]), ["cores_ms"] = CoreProbes(alone[k]) };
                        if (repeats > 1)
                            PrintMedian(output, n, traced, $"one process, core {cpu}, median", alone[k], null, null);
                    }
                    var byMembers = new JsonObject();
                    var figure = new JsonObject
                    {
                        ["one_core_s"] = one.KernelSeconds,
                        ["one_core_process_s"] = one.ProcessSeconds,
                        ["one_core_cpu"] = baselineCpus[alone.IndexOf(one)],
                        ["one_core_by_cpu"] = byCpu,
                        ["members"] = byMembers,
                    };
                    if (repeats > 1)
                        figure["one_core_runs_s"] = Walls(one);
                    var failedAlone = alone.Where(b => b.Error is not null).ToList();
                    if (failedAlone.Count > 0)
                    {
                        figure["one_core_error"] = string.Join("; ", failedAlone.Select(b => b.Error));
                        figure["one_core_logs"] = Paths([.. failedAlone.SelectMany(b => b.Logs)]);
                    }
                    population[variant] = figure;
                    if (shared is not null)
                    {
                        double? speedup = ScaleoutSeries.Speedup(alone, shared);
                        var peer = new JsonObject { ["cores"] = new JsonArray([.. baselineCpus.Select(c => JsonValue.Create(c))]) };
                        AddFigures(peer, shared, alone, speedup, repeats > 1);
                        if (repeats > 1)
                            PrintMedian(output, n, traced, $"one process, cores {string.Join(",", baselineCpus)}, median", shared, speedup, null);
                        figure["shared_memory"] = peer;
                        figure["speedup_shared_memory"] = speedup;
                        population[$"speedup_shared_memory_{variant}"] = speedup;
                    }
                    foreach (int m in clusters)
                    {
                        var run = series[m];
                        double? speedup = ScaleoutSeries.Speedup(alone, run);
                        double? vsShared = shared is null ? null : ScaleoutSeries.Speedup([shared], run);
                        var member = new JsonObject { ["outages"] = run.Outages };
                        AddFigures(member, run, alone, speedup, repeats > 1);
                        if (shared is not null)
                        {
                            member["vs_shared_memory"] = vsShared;
                            if (repeats > 1)
                                member["vs_shared_memory_runs"] = Ratios(ScaleoutSeries.PairedSpeedups([shared], run));
                        }
                        if (repeats > 1)
                            PrintMedian(output, n, traced, $"{Count(m, "member")}, median", run, speedup, vsShared);
                        byMembers[Key(m)] = member;
                        figure[$"speedup_{m}"] = speedup;
                        population[$"speedup_{m}_{variant}"] = speedup;
                    }
                    if (traced)
                    {
                        // Only runs that finished have a trace to compare.
                        var runs = alone.SelectMany(x => x.Runs).Concat(shared?.Runs ?? []).Concat(series.Values.SelectMany(x => x.Runs)).ToList();
                        string? reference = alone[0].Runs[0].TraceSha256;
                        bool? identical = runs.Any(x => x.Error is not null) ? null : runs.All(x => x.TraceSha256 == reference);
                        if (identical == false)
                        {
                            failed = true;
                            error.WriteLine($"error: {n} agents: the traces differ from the first one process's ({string.Join(", ", runs.Select(x => $"{(x.Members == 0 ? "one process" : $"{x.Members} members")} {x.TraceSha256}"))})");
                        }
                        figure["traces_identical"] = identical;
                        figure["trace_sha256"] = reference;
                    }
                    // Written after every variant: a long benchmark stopped part-way keeps what it measured.
                    if (target is not null)
                        Arguments.WriteJson(target, figures);
                }
            }
            return failed ? CommandErrors.Failure : 0;
        });
        return command;
    }

    // Untraced first: the headline figure, and the one a failed traced run (disk full) cannot spoil.
    private static IReadOnlyList<bool> Variants(string mode) => mode switch { "on" => [true], "off" => [false], _ => [false, true] };

    private static string Describe(int members, IReadOnlyList<int> cores) =>
        members > 0 ? $"{Count(members, "member")} on {Count(members, "core")}"
        : cores.Count == 1 ? $"one process on core {cores[0]}" : $"one process on cores {string.Join(", ", cores)}";

    // A configuration's figures: its medians and speed-up over the baselines (speedup), each run's CPU time, busy seconds, longest
    // windows and probes, with repeats each run's wall and paired speed-up, and the error and logs of runs that failed.
    private static void AddFigures(JsonObject figures, ScaleoutSeries series, IReadOnlyList<ScaleoutSeries> baselines, double? speedup, bool repeated)
    {
        figures["wall_s"] = series.KernelSeconds;
        figures["process_wall_s"] = series.ProcessSeconds;
        figures["speedup"] = speedup;
        figures["cpu_s"] = CpuTimes(series);
        figures["busy_s"] = BusyTimes(series);
        figures["longest_windows_s"] = WindowTimes(series);
        figures["cores_ms"] = CoreProbes(series);
        if (repeated)
        {
            figures["runs_s"] = Walls(series);
            figures["speedups"] = Ratios(ScaleoutSeries.PairedSpeedups(baselines, series));
        }
        if (series.Error is not null)
        {
            figures["error"] = series.Error;
            figures["logs"] = Paths(series.Logs);
        }
    }

    private static JsonArray Ratios(IReadOnlyList<double?> ratios) => [.. ratios.Select(x => JsonValue.Create(x))];

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string Label(string run, int repeat, int repeats) => repeats > 1 ? $"{run} #{repeat + 1}" : run;

    private static JsonArray Walls(ScaleoutSeries series) => [.. series.Runs.Select(r => JsonValue.Create(r.KernelSeconds))];

    // Per run, in order: the user and system CPU time of its processes.
    private static JsonArray CpuTimes(ScaleoutSeries series) =>
        [.. series.Runs.Select(r => r.Cpu is { } c ? new JsonObject { ["user"] = Math.Round(c.UserSeconds, 2), ["system"] = Math.Round(c.SystemSeconds, 2) } : null)];

    // Per run, in order: how long each of its partitions worked (empty for a run that failed).
    private static JsonArray BusyTimes(ScaleoutSeries series) => PerRun(series, r => r.BusySeconds);

    // Per run, in order: the walls of its longest windows, longest first (empty for a run that failed).
    private static JsonArray WindowTimes(ScaleoutSeries series) => PerRun(series, r => r.WindowSeconds.Select(w => (double?)w));

    // Per run, in order: the seconds it gives, rounded.
    private static JsonArray PerRun(ScaleoutSeries series, Func<ScaleoutRun, IEnumerable<double?>> seconds) =>
        [.. series.Runs.Select(r => new JsonArray([.. seconds(r).Select(b => JsonValue.Create(b is { } x ? Math.Round(x, 2) : (double?)null))]))];

    // Per run, in order: each core's probe before and after it.
    private static JsonArray CoreProbes(ScaleoutSeries series) =>
        [.. series.Runs.Select(r => r.Cores is { } c ? new JsonObject { ["before"] = ByCore(c.BeforeMs), ["after"] = ByCore(c.AfterMs) } : null)];

    private static JsonObject ByCore(IReadOnlyDictionary<int, double?> ms) => new(ms.Select(p => KeyValuePair.Create(Key(p.Key), (JsonNode?)JsonValue.Create(p.Value is { } v ? Math.Round(v, 1) : (double?)null))));

    private static JsonArray Paths(IReadOnlyList<string> logs) => [.. logs.Select(l => JsonValue.Create(l))];

    private static string Key(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static void Print(TextWriter output, int agents, bool traced, string label, ScaleoutRun run, double? speedup, double? vsShared) =>
        Line(output, agents, traced, label, run.KernelSeconds, run.ProcessSeconds, speedup, vsShared,
            $"{(run.Cpu is { } c ? (c.UserSeconds + c.SystemSeconds).ToString("F2", CultureInfo.InvariantCulture) : "-"),8} {Joined(run.BusySeconds),-12} {Joined(run.WindowSeconds.Take(3).Select(w => (double?)w)),-17}  {(run.Cores is { } cores ? $"{Probes(cores.BeforeMs)} / {Probes(cores.AfterMs)}" : "")}");

    // Seconds for the table, one decimal, "-" for none.
    private static string Joined(IEnumerable<double?> seconds)
    {
        var text = seconds.Select(b => b is { } x ? x.ToString("F1", CultureInfo.InvariantCulture) : "-").ToList();
        return text.Count == 0 ? "-" : string.Join(", ", text);
    }

    private static void PrintMedian(TextWriter output, int agents, bool traced, string label, ScaleoutSeries series, double? speedup, double? vsShared) =>
        Line(output, agents, traced, label, series.KernelSeconds, series.ProcessSeconds!.Value, speedup, vsShared, "");

    private static void Line(TextWriter output, int agents, bool traced, string label, double? kernelSeconds, double processSeconds, double? speedup, double? vsShared, string tail) =>
        output.WriteLine($"{agents,10} {(traced ? "on" : "off"),6} {label,-30} {(kernelSeconds is { } k ? k.ToString("F2", CultureInfo.InvariantCulture) : "failed"),9} {processSeconds,10:F2} {Ratio(speedup),9} {Ratio(vsShared),9} {tail}".TrimEnd());

    private static string Ratio(double? ratio) => ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) : "-";

    private static string Probes(IReadOnlyDictionary<int, double?> ms) => string.Join(", ", ms.Values.Select(v => v is { } x ? x.ToString("F0", CultureInfo.InvariantCulture) : "-"));
}
