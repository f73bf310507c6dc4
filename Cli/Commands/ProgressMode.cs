namespace MaLAM4Com.Cli.Commands;

/// <summary>How a <see cref="ProgressReporter"/> shows progress.</summary>
public enum ProgressMode
{
    /// <summary>Nothing at all (--quiet).</summary>
    Quiet,

    /// <summary>Whole lines, at most one a second: for logs, pipes and CI.</summary>
    Plain,

    /// <summary>One bar redrawn in place with "\r": for a terminal.</summary>
    Bar,
}
