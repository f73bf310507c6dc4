namespace MaLAM4Com.Cli.Experiments;

/// <summary>
/// What a simulation of <c>experiment malam4com</c> varies: the method and rho, or one of MaLAM4Com's sweeps at the sweep rho; or the
/// pooled-data reference (<c>scenario.learning.pooled-data</c> with V = 0: what a region's agents reach with their raw data pooled).
/// </summary>
public enum ExperimentSweep
{
    Methods,
    V,
    Loss,
    Dimension,
    PooledData,
}

public static class ExperimentSweeps
{
    // In enum order: the name in results.csv's sweep column and the summary's keys (v_sweep, lite_v_sweep), and what the sweep varies as a reader of its tables knows it.
    private static readonly (string Name, string Parameter)[] Labels = [("methods", "method"), ("v", "V"), ("loss", "link loss"), ("dimension", "embedding dimension"), ("pooled_data", "pooled data")];

    /// <summary>The sweeps of MaLAM4Com alone, in the order the experiment runs and reports them.</summary>
    public static IReadOnlyList<ExperimentSweep> OfMaLAM4Com { get; } = [ExperimentSweep.V, ExperimentSweep.Loss, ExperimentSweep.Dimension];

    /// <summary>The name in <c>results.csv</c>'s <c>sweep</c> column and in the summary's keys.</summary>
    public static string Name(this ExperimentSweep sweep) => Labels[(int)sweep].Name;

    /// <summary>What the sweep varies, as its tables head it.</summary>
    public static string Parameter(this ExperimentSweep sweep) => Labels[(int)sweep].Parameter;
}
