using System.CommandLine;

namespace MaLAM4Com.Cli.Commands;

/// <summary>The malam4com command tree: each command is built by its own class under Cli/.</summary>
public static class CommandLine
{
    public const int UsageError = 2;

    public static RootCommand Build()
    {
        var root = new RootCommand("MaLAM4Com: actor-model simulator of multi-agent cooperative large AI models in wireless networks.");
        root.Options.Add(ProgressReporter.CreateQuietOption());
        foreach (var command in Commands())
            root.Subcommands.Add(command);
        return root;
    }

    private static IEnumerable<Command> Commands()
    {
        yield return RunCommand.Create();
        yield return NodeCommand.Create();
        yield return BenchCommand.Create();
        yield return TraceCommand.Create();
        yield return ReportCommand.Create();
        yield return ChannelsCommand.Create();
        yield return ExperimentCommand.Create();
    }

    /// <summary>
    /// Parses and runs; parse errors and <see cref="UsageException"/> give exit code 2, a run that failed
    /// (<see cref="Engine.Kernel.SimulationFailedException"/>) <see cref="CommandErrors.Failure"/>, each with one line.
    /// </summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null) => Run(Build(), args, output, error);

    /// <summary>As <see cref="Run(string[], TextWriter?, TextWriter?)"/>, for the commands of <paramref name="root"/>.</summary>
    internal static int Run(RootCommand root, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
                error.WriteLine($"error: {e.Message}");
            error.WriteLine("Run 'malam4com --help' (or the command followed by --help) for usage.");
            return UsageError;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is UsageException or Engine.Config.ConfigException)
        {
            error.WriteLine($"error: {e.Message}");
            return UsageError;
        }
        catch (Engine.Kernel.SimulationFailedException e)
        {
            // A run that stopped (a stall, a lost driver, a partition's error) is the run's failure, not the program's.
            error.WriteLine($"error: {e.Message}");
            return CommandErrors.Failure;
        }
    }
}
