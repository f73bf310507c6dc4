using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using MaLAM4Com.Cli.Bench.Peers;

namespace MaLAM4Com.Cli.Bench;

/// <summary>
/// One timed <c>run</c> of the scale-out benchmark: on one process (<see cref="Members"/> 0), pinned to one core or sharing
/// several, or a cluster of that many members. <see cref="KernelSeconds"/> is the kernel's own wall (summary.json's <c>wall_s</c>: from the first window
/// to the last, without setup), <see cref="ProcessSeconds"/> the whole <c>run</c> process; a run that failed has
/// no kernel wall and says why in <see cref="Error"/>. <see cref="TraceSha256"/> is the (merged) trace's hash when traced.
/// <see cref="Outages"/> are the members lost during the run (summary.json's <c>outages</c>): a run that survived one
/// finished on fewer cores than it was given, so its time is not the cluster's. <see cref="Logs"/> are the files that keep
/// the whole output of each process of a failed run (an error's first line rarely says why a process aborted).
/// <see cref="Cores"/> says how fast the bench's cores were just before and just after the run, <see cref="Cpu"/> what CPU
/// time its processes used (all of them: a cluster's driver and members). <see cref="BusySeconds"/> is how long each
/// partition worked (summary.json's <c>partitions</c>, by partition; a cluster's are its members'): the rest of the kernel
/// wall it waited for its peers and the clock. <see cref="WindowSeconds"/> are the walls of the run's longest windows, longest
/// first (summary.json's <c>longest_windows</c>).
/// </summary>
public sealed record ScaleoutRun(int Members, double? KernelSeconds, double ProcessSeconds, string? TraceSha256, string? Error, int Outages = 0)
{
    public IReadOnlyList<string> Logs { get; init; } = [];

    public IReadOnlyList<double?> BusySeconds { get; init; } = [];

    public IReadOnlyList<double> WindowSeconds { get; init; } = [];

    public CoreSpeeds? Cores { get; init; }

    public ChildCpuTime? Cpu { get; init; }
}

/// <summary>
/// What every run of a scale-out benchmark shares: the scenario's size per edge and rounds, the user's overrides, where traces go,
/// how long a process may take, and the folder that keeps the whole output of the processes of a failed run.
/// </summary>
public sealed record ScaleoutSetup(int AgentsPerEdge, int Rounds, IReadOnlyList<string> Extra, string TraceDir, TimeSpan Timeout, string LogDir);

/// <summary>
/// The lite round scenario of <see cref="ScaleBenchmark"/> run by separate processes of this program, each pinned to a
/// core of its own with <c>taskset</c>: one process (<c>run</c>) on a core, or a cluster whose driver (<c>run --cluster</c>)
/// is the member on the first core and whose other members (<c>node</c>) take one core each. Separate processes on
/// separate cores are what several machines give: no shared memory, no shared collector, and no promise that the cores
/// run alike (a virtual machine's may not). Their peer is one process given all the cluster's cores (a partition per
/// core, as <c>kernel.partitions = 0</c> makes them): what the same cores do with shared memory.
/// </summary>
public static class ScaleoutBenchmark
{
    /// <summary>Why this machine cannot run the benchmark (no taskset, fewer than two cores), or null.</summary>
    public static string? Unsupported()
    {
        if (!PinnedProgram.Available)
            return "taskset was not found on PATH: the benchmark pins each process to a core with it (Debian: util-linux)";
        int cores = PinnedProgram.Cpus().Count;
        return cores < 2 ? $"this machine gives this process {cores} core; the benchmark needs at least 2 (one per member)" : null;
    }

    /// <summary>
    /// Runs <paramref name="agents"/> agents on one process (<paramref name="members"/> 0) or on a cluster of <paramref name="members"/>,
    /// traced or not, pinned to <paramref name="cores"/>: the one process on all of them, or the driver on the first and each
    /// other member on one of the next.
    /// </summary>
    public static ScaleoutRun Run(int agents, int members, bool traced, IReadOnlyList<int> cores, ScaleoutSetup setup)
    {
        if (members == 0 ? cores.Count == 0 : cores.Count != members)
            throw new ArgumentException(members == 0 ? "one process needs a core" : $"{members} members need as many cores; got {cores.Count}", nameof(cores));
        string where = $"core{(cores.Count > 1 && members == 0 ? "s" : "")}{string.Join('-', members == 0 ? cores : cores.Take(1))}";
        var dir = Path.Combine(setup.TraceDir, $"scaleout-{Environment.ProcessId}-{agents}-{members}-{(traced ? "traced" : "untraced")}-{where}");
        Directory.CreateDirectory(dir);
        var nodes = new List<PinnedProgram>();
        try
        {
            // Keys a config file leaves out take the documented defaults: an empty file is the scale scenario's base.
            var config = Path.Combine(dir, "config.hocon");
            File.WriteAllText(config, "");
            var trace = Path.Combine(dir, "trace.jsonl");
            string[] sets = [.. ScaleBenchmark.Overrides(agents, setup.AgentsPerEdge, setup.Rounds), $"trace.enabled={(traced ? "true" : "false")}", $"trace.path=\"{trace}\"", .. setup.Extra];
            var args = new List<string> { "run", "--config", config, "--out", dir, "--quiet" };
            args.AddRange(sets.SelectMany(s => new[] { "--set", s }));
            if (members >= 1)
            {
                int port = FreePort();
                string seed = $"127.0.0.1:{port}";
                // With one member the driver is its own seed; otherwise the member on the second core is, and the rest join it.
                for (int m = 1; m < members; m++)
                    nodes.Add(PinnedProgram.Start(cores[m], m == 1 ? ["node", "--role", "seed", "--port", $"{port}", "--quiet"] : ["node", "--role", "worker", "--port", "0", "--seed-nodes", seed, "--quiet"]));
                args.AddRange(["--cluster", "--members", $"{members}", "--port", members == 1 ? $"{port}" : "0", "--seed-nodes", seed]);
            }
            var clock = Stopwatch.StartNew();
            var (code, output, error, timedOut) = PinnedProgram.Run(members == 0 ? cores : cores.Take(1).ToList(), args, setup.Timeout);
            double process = clock.Elapsed.TotalSeconds;
            string? why = timedOut ? $"stopped after {setup.Timeout.TotalSeconds:F0} s (--timeout)"
                : code != 0 ? $"exit code {code}: {PeerRunner.FirstLine(error.Length > 0 ? error : output)}"
                : null;
            if (why is not null)
            {
                string name = $"{agents}-{(traced ? "traced" : "untraced")}-{(members == 0 ? "one-process" : $"{members}-members")}";
                var logs = new List<string> { WriteLog(setup.LogDir, $"{name}-{where}.log", args, $"exit code {(timedOut ? "none (stopped)" : code)}", $"--- standard error ---\n{error}\n--- standard output ---\n{output}") };
                foreach (var (node, i) in nodes.Select((n, i) => (n, i + 1)))
                {
                    // A member that ended first says so in the error; every member's output is kept, the survivors' up to their stop.
                    bool first = node.Exited;
                    string end = node.Stop();
                    if (first)
                        why += $"; the member on core {cores[i]} ended first: {end}";
                    logs.Add(WriteLog(setup.LogDir, $"{name}-core{cores[i]}.log", node.ProgramArguments, first ? end : $"stopped by the bench after the driver ended ({end})", node.Log));
                }
                return new ScaleoutRun(members, null, process, null, why) { Logs = logs };
            }
            var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
            int outages = summary.TryGetProperty("outages", out var lost) ? lost.GetArrayLength() : 0;
            var busy = summary.GetProperty("partitions").EnumerateArray().Select(p => p.GetProperty("busy_s") is { ValueKind: JsonValueKind.Number } b ? b.GetDouble() : (double?)null).ToList();
            var windows = summary.GetProperty("longest_windows").EnumerateArray().Select(w => w.GetProperty("wall_s").GetDouble()).ToList();
            return new ScaleoutRun(members, summary.GetProperty("wall_s").GetDouble(), process, traced ? Sha256(trace) : null, null, outages) { BusySeconds = busy, WindowSeconds = windows };
        }
        finally
        {
            foreach (var node in nodes)
                node.Dispose();
            Directory.Delete(dir, recursive: true);
        }
    }

    // The log of one process: how it was started and how it ended, then all it wrote.
    private static string WriteLog(string dir, string file, IEnumerable<string> args, string ended, string output)
    {
        Directory.CreateDirectory(dir);
        var path = Path.GetFullPath(Path.Combine(dir, file));
        File.WriteAllText(path, $"malam4com {string.Join(' ', args)}\n{ended}\n{output}");
        return path;
    }

    private static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    // A port free now; the seed takes it a moment later (another program taking it between is unlikely on loopback).
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
