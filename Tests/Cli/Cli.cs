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
}
