using MaLAM4Com.Cli.Commands;

namespace MaLAM4Com.Tests.Cli;

/// <summary>Runs the program's command line in-process and captures what it printed.</summary>
internal static class Cli
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Runs a command that must be refused as a usage error: one line on the error stream starting with
    /// <paramref name="message"/>, nothing on the output (not even a table's header) and no <paramref name="json"/> written.
    /// </summary>
    public static void AssertRefusedBeforeAnythingRuns(string json, string message, params string[] args)
    {
        var result = Run(args);
        Assert.Equal(CommandLine.UsageError, result.Code);
        Assert.StartsWith($"error: {message}", Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("", result.Out);
        Assert.False(File.Exists(json));
    }
}
