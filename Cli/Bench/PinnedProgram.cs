using System.Diagnostics;
using System.Globalization;
using System.Text;
using MaLAM4Com.Cli.Bench.Peers;
using MaLAM4Com.Cli.Commands;

namespace MaLAM4Com.Cli.Bench;

/// <summary>
/// This program started again, pinned with <c>taskset</c> to one core (to several with <see cref="Run"/>) (which runs it in its own place, so stopping the
/// process stops the program): to its end with <see cref="Run"/>, or in the background with <see cref="Start"/> until
/// disposed, its error output kept to say why it ended and its whole output (both streams, in the order they came) kept
/// for <see cref="Log"/>.
/// </summary>
public sealed class PinnedProgram : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly StringBuilder _log = new();

    private PinnedProgram(Process process, IReadOnlyList<string> args)
    {
        _process = process;
        ProgramArguments = args;
    }

    /// <summary>The arguments the program was started with (after taskset and the program itself).</summary>
    public IReadOnlyList<string> ProgramArguments { get; }

    public bool Exited => _process.HasExited;

    /// <summary>Whether taskset is on PATH.</summary>
    public static bool Available =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "taskset")));

    /// <summary>The cores this process may run on, in order (where the affinity cannot be read, all of them).</summary>
    public static IReadOnlyList<int> Cpus()
    {
        var all = Enumerable.Range(0, Environment.ProcessorCount).ToList();
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
            return all;
        try
        {
            long mask = (long)Process.GetCurrentProcess().ProcessorAffinity;
            var cpus = Enumerable.Range(0, 64).Where(c => (mask >> c & 1) != 0).ToList();
            return cpus.Count > 0 ? cpus : all;
        }
        catch (Exception e) when (e is PlatformNotSupportedException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return all;
        }
    }

    /// <summary>Runs the program on <paramref name="cpus"/> (one core, or several shared by its threads) to its end (see <see cref="PeerRunner.Execute"/>).</summary>
    public static (int Code, string Output, string Error, bool TimedOut) Run(IReadOnlyList<int> cpus, IEnumerable<string> args, TimeSpan timeout) =>
        PeerRunner.Execute("taskset", Arguments(cpus, args), timeout);

    public static PinnedProgram Start(int cpu, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("taskset") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in Arguments([cpu], args))
            start.ArgumentList.Add(a);
        var program = new PinnedProgram(Process.Start(start) ?? throw new InvalidOperationException("cannot start taskset"), args);
        program._process.OutputDataReceived += (_, e) =>
        {
            lock (program._errors)
                program._log.AppendLine(e.Data);
        };
        program._process.ErrorDataReceived += (_, e) =>
        {
            lock (program._errors)
            {
                program._errors.AppendLine(e.Data);
                program._log.AppendLine(e.Data);
            }
        };
        program._process.BeginOutputReadLine();
        program._process.BeginErrorReadLine();
        return program;
    }

    /// <summary>Stops the program if it still runs; how it ended: its exit code and first error line.</summary>
    public string Stop()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        string errors;
        lock (_errors)
            errors = _errors.ToString();
        return $"exit code {_process.ExitCode}: {PeerRunner.FirstLine(errors)}";
    }

    /// <summary>Everything the program wrote so far, standard output and error interleaved as they came.</summary>
    public string Log
    {
        get
        {
            lock (_errors)
                return _log.ToString();
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    private static List<string> Arguments(IReadOnlyList<int> cpus, IEnumerable<string> args)
    {
        var self = BenchScaleCommand.SelfStartInfo();
        return ["-c", string.Join(',', cpus.Select(c => c.ToString(CultureInfo.InvariantCulture))), self.FileName, .. self.ArgumentList, .. args];
    }
}
