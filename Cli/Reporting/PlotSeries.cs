namespace MaLAM4Com.Cli.Reporting;

/// <summary>One line of a plot: its legend label and points.</summary>
public sealed record PlotSeries(string Label, double[] X, double[] Y);
