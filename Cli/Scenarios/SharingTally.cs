namespace MaLAM4Com.Cli.Scenarios;

/// <summary>
/// How often agents chose to share and how large their reports were, over a run: what the
/// drift-plus-penalty choice trades against the byte budget. At the same average cost, a larger V
/// buys a lower penalty, for example by sharing more often with smaller reports.
/// </summary>
public sealed record SharingTally(long Decisions, long Reports, double ReportBytes)
{
    public static SharingTally None { get; } = new(0, 0, 0);

    /// <summary>Share of the agents' per-round choices that sent a report; NaN when no agent chose.</summary>
    public double ShareRate => Decisions == 0 ? double.NaN : (double)Reports / Decisions;

    /// <summary>Mean size of a sent report in bytes; NaN when none was sent.</summary>
    public double MeanReportBytes => Reports == 0 ? double.NaN : ReportBytes / Reports;
}
