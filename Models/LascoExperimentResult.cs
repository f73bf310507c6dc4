namespace MaLAM4Com.Models;

/// <summary>Everything the LASCO experiment measured; the report writers turn it into files.</summary>
public sealed record LascoExperimentResult(
    LascoExperimentSettings Settings,
    string SourceIdentity,
    PretrainedModel Lam,
    PretrainedModel Sam,
    IReadOnlyList<AdaptationResult> Results,
    TimeSpan Elapsed)
{
    public IEnumerable<int> Regions => Results.Select(r => r.Region).Distinct();

    public AdaptationResult Get(int region, LascoMethod method) => Results.Single(r => r.Region == region && r.Method == method);

    public double MeanNmseDb(LascoMethod method) => Results.Where(r => r.Method == method).Average(r => r.TestNmseDb);

    /// <summary>Test NMSE of <paramref name="first"/> minus that of <paramref name="second"/>, region by region.</summary>
    public PairedDifference Compare(LascoMethod first, LascoMethod second)
    {
        var regions = Regions.ToList();
        return PairedDifference.Of(regions.Select(r => Get(r, first).TestNmseDb).ToList(), regions.Select(r => Get(r, second).TestNmseDb).ToList());
    }
}
