namespace MaLAM4Com.Models;

/// <summary>
/// Everything the LASCO experiment measured; the report writers turn it into files. <see cref="LinearFitNmseDb"/> is
/// the reference row: per region, the test NMSE (dB) of a linear SAM fitted on that region's train split alone.
/// </summary>
public sealed record LascoExperimentResult(
    LascoExperimentSettings Settings,
    string SourceIdentity,
    PretrainedModel Lam,
    PretrainedSam Sam,
    IReadOnlyList<AdaptationResult> Results,
    IReadOnlyDictionary<int, double> LinearFitNmseDb,
    TimeSpan Elapsed)
{
    public IEnumerable<int> Regions => Results.Select(r => r.Region).Distinct();

    public AdaptationResult Get(int region, LascoMethod method) => Results.Single(r => r.Region == region && r.Method == method);

    public double MeanNmseDb(LascoMethod method) => Results.Where(r => r.Method == method).Average(r => r.TestNmseDb);

    public double MeanLinearFitNmseDb => Regions.Average(r => LinearFitNmseDb[r]);

    /// <summary>How far a method's test NMSE is above the per-region linear fit's, in dB, averaged over regions.</summary>
    public double GapToLinearFitDb(LascoMethod method) => Regions.Average(r => Get(r, method).TestNmseDb - LinearFitNmseDb[r]);

    /// <summary>Test NMSE of <paramref name="first"/> minus that of <paramref name="second"/>, region by region.</summary>
    public PairedDifference Compare(LascoMethod first, LascoMethod second)
    {
        var regions = Regions.ToList();
        return PairedDifference.Of(regions.Select(r => Get(r, first).TestNmseDb).ToList(), regions.Select(r => Get(r, second).TestNmseDb).ToList());
    }
}
