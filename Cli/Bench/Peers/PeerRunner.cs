using System.Diagnostics;
using System.Text.Json;

namespace MaLAM4Com.Cli.Bench.Peers;

/// <summary>
/// Runs the peer simulators of bench/peers/: on the round scenario SimPy through a Python interpreter
/// and ns-3 through the compiled round_ns3, and the ns-3 programs of other benchmarks (phold_ns3), each
/// built on first use when the ns-3 headers are installed.
/// A peer that cannot run gives null and the reason, never an error: the peers are optional.
/// </summary>
public static class PeerRunner
{
    /// <summary>bench/peers/ of the repository holding the working folder or this program, or null.</summary>
    public static string? FindPeersFolder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", "peers");
                if (File.Exists(Path.Combine(candidate, "round_simpy.py")))
                    return candidate;
            }
        }
        return null;
    }

    public static (PeerResult? Result, string? Why) SimPy(string peers, string python, int agents, int rounds, ulong seed)
    {
        var (code, _, error, _) = Execute(python, ["-c", "import SimPy.Simulation"]);
        if (code != 0)
            return (null, $"SimPy 2 is not importable by {python} ({FirstLine(error)}); install it with bench/peers/install.sh");
        return Parse("simpy", RunJson("simpy", python, [Path.Combine(peers, "round_simpy.py"), agents.ToString(), rounds.ToString(), seed.ToString()]));
    }

    public static (PeerResult? Result, string? Why) Ns3(string peers, int agents, int rounds, ulong seed)
    {
        var (binary, why) = Ns3Program(peers, "round_ns3");
        return binary is null ? (null, why) : Parse("ns3", RunJson("ns3", binary, [agents.ToString(), rounds.ToString(), seed.ToString()]));
    }

    /// <summary>
    /// bench/peers/build/<paramref name="program"/>, compiled from bench/peers/<paramref name="program"/>.cc by
    /// build-ns3.sh when it is missing or older than its source; null and why when ns-3 is not installed or the build fails.
    /// </summary>
    public static (string? Binary, string? Why) Ns3Program(string peers, string program)
    {
        string binary = Path.Combine(peers, "build", program);
        string source = Path.Combine(peers, program + ".cc");
        if (File.Exists(binary) && (!File.Exists(source) || File.GetLastWriteTimeUtc(binary) >= File.GetLastWriteTimeUtc(source)))
            return (binary, null);
        if (!File.Exists("/usr/include/ns3/core-module.h"))
            return (null, "ns-3 is not installed (no /usr/include/ns3/core-module.h); install it with bench/peers/install.sh");
        var (code, output, error, _) = Execute("bash", [Path.Combine(peers, "build-ns3.sh")]);
        if (code != 0 || !File.Exists(binary))
            return (null, $"building {program} failed: {FirstLine(error + output)}");
        return (binary, null);
    }

    /// <summary>
    /// Runs a peer that prints its figures as one JSON line last: the line, or null and why. A run longer
    /// than <paramref name="timeout"/> is stopped (with its children) and reported as <c>TimedOut</c>.
    /// </summary>
    public static (JsonElement? Line, string? Why, bool TimedOut) RunJson(string name, string program, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var run = Execute(program, args, timeout);
        if (run.TimedOut)
            return (null, $"{name} stopped after {timeout!.Value.TotalSeconds:F1} s", true);
        if (run.Code != 0)
            return (null, $"{name} exited with {run.Code}: {FirstLine(run.Error + run.Output)}", false);
        try
        {
            var line = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
            return (JsonDocument.Parse(line).RootElement.Clone(), null, false);
        }
        catch (Exception e) when (e is JsonException or IndexOutOfRangeException)
        {
            return (null, $"{name} printed no result line: {FirstLine(run.Output)}", false);
        }
    }

    private static (PeerResult?, string?) Parse(string name, (JsonElement? Line, string? Why, bool TimedOut) run)
    {
        if (run.Line is not { } json)
            return (null, run.Why);
        try
        {
            return (new PeerResult(name, json.GetProperty("delivered").GetInt64(), json.GetProperty("timers").GetInt64(), json.GetProperty("wall_s").GetDouble()), null);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return (null, $"{name} printed a result line without delivered, timers and wall_s: {json}");
        }
    }

    /// <summary>
    /// Runs <paramref name="program"/> to its end and returns its exit code and output; one still running after
    /// <paramref name="timeout"/> is stopped with its children (code -1, <c>TimedOut</c>), one that cannot start gives code -1 and why.
    /// </summary>
    public static (int Code, string Output, string Error, bool TimedOut) Execute(string program, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? Timeout.InfiniteTimeSpan))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return (-1, output.Result, error.Result, true);
            }
            process.WaitForExit();
            return (process.ExitCode, output.Result, error.Result, false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", $"cannot run {program}: {e.Message}", false);
        }
    }

    /// <summary>The first non-empty line of a program's output, trimmed, or "no output".</summary>
    public static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "no output";
}
