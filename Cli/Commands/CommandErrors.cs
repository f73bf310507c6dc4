using System.CommandLine;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Commands;

/// <summary>Failures of a command's work that are not usage mistakes: one line on the error stream, exit code 1.</summary>
public static class CommandErrors
{
    public const int Failure = 1;

    /// <summary>Runs <paramref name="action"/>; a malformed trace or a file that cannot be read or written ends it with one line, not a stack trace.</summary>
    public static int Guard(ParseResult parse, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is TraceFormatException or IOException or UnauthorizedAccessException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return Failure;
        }
    }
}
