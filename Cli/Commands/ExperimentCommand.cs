using System.CommandLine;

namespace MaLAM4Com.Cli.Commands;

/// <summary><c>malam4com experiment ...</c>: the paper reproductions, one subcommand each, built by their own classes.</summary>
public static class ExperimentCommand
{
    public static Command Create()
    {
        var experiment = new Command("experiment", """
            Reproduce the papers' experiments and write their results (each takes --json PATH).
            Example: malam4com experiment lasco --rho 1/16 --train-samples 1000
            """);
        foreach (var sub in Subcommands())
            experiment.Subcommands.Add(sub);
        return experiment;
    }

    private static IEnumerable<Command> Subcommands()
    {
        yield return LascoExperimentCommand.Create();
        yield return MaLAM4ComExperimentCommand.Create();
    }
}
