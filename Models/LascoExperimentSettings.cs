namespace MaLAM4Com.Models;

/// <summary>
/// The LASCO experiment: pretrain on <see cref="PretrainRegions"/> pooled, then adapt on each of
/// <see cref="AdaptationRegions"/> with <see cref="TrainSamples"/> training samples (the region's
/// draw is split 8:1:1, so validation and test get an eighth of that each), the small models of the
/// <see cref="SamFamily"/>; the LAM is the preset's transformer either way.
/// </summary>
public sealed record LascoExperimentSettings(
    ModelPreset Preset,
    SamFamily SamFamily,
    int TrainSamples,
    IReadOnlyList<int> PretrainRegions,
    IReadOnlyList<int> AdaptationRegions,
    string CacheDirectory)
{
    public const double TrainShare = 0.8;
    public const double ValidationShare = 0.1;

    /// <summary>Pretraining holds out this share of the pooled samples for early stopping.</summary>
    public const double PretrainValidationShare = 0.1;

    public static readonly IReadOnlyList<int> PaperPretrainRegions = Enumerable.Range(1, 100).ToArray();
    public static readonly IReadOnlyList<int> PaperAdaptationRegions = Enumerable.Range(101, 10).ToArray();

    /// <summary>Samples drawn per adaptation region so that the 8:1:1 split leaves <see cref="TrainSamples"/> for training.</summary>
    public int SamplesPerAdaptationRegion => (int)Math.Round(TrainSamples / TrainShare);
}
