using System.CommandLine;

namespace MaLAM4Com.Cli.Commands;

/// <summary><c>malam4com bench ...</c>: the benchmarks, one subcommand each, built by their own classes.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", """
            Benchmarks (speed and memory figures; build with -c Release). Each takes --json PATH.
            Examples:
              malam4com bench kernel --json kernel.json
              malam4com bench channels
              malam4com bench scale --agents 10000,100000 --json scale.json
              malam4com bench scaleout --agents 100000,1000000 --members 1,2 --json scaleout.json
              malam4com bench peers --agents 100000 --json peers.json
              malam4com bench traces --agents 10000 --json traces.json
              malam4com bench phold --entities 1000,100000 --remote 0.1,0.5,1.0 --json phold.json
            """);
        foreach (var sub in Subcommands())
            bench.Subcommands.Add(sub);
        return bench;
    }

    private static IEnumerable<Command> Subcommands()
    {
        yield return BenchKernelCommand.Create();
        yield return BenchChannelsCommand.Create();
        yield return BenchModelsCommand.Create();
        yield return BenchScaleCommand.Create();
        yield return BenchScaleoutCommand.Create();
        yield return BenchPeersCommand.Create();
        yield return BenchPholdCommand.Create();
        yield return BenchClusterCommand.Create();
        yield return BenchTracesCommand.Create();
    }
}
