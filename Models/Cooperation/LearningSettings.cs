namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// The learning side of a cooperation scenario (<c>scenario.learning.*</c> in config.hocon): the
/// fidelity, the sampling ratio rho, the agents' private data, local training, distillation toward the
/// global knowledge, the cloud's LAM (pretrained on its fixed pool, or on fresh draws every epoch when
/// <see cref="LamFreshSamplesPerRegion"/> > 0) and the dataset distillation of the anchors. The LAM and the agents' SAM are
/// the LAM preset's networks with global stems of rank <see cref="LamStemRank"/> and <see cref="SamStemRank"/>.
/// </summary>
public sealed record LearningSettings(
    Fidelity Fidelity,
    double Rho,
    int Regions,
    int Anchors,
    int SamplesMin,
    int SamplesMax,
    int TestSamples,
    int LocalSteps,
    int BatchSize,
    double LearningRate,
    double DistillWeight,
    int DistillAnchorsPerStep,
    double TeacherShare,
    double StalenessDiscount,
    int MaxStaleness,
    string LamPreset,
    int LamPoolSamplesPerRegion,
    int LamEpochs,
    int LamFreshSamplesPerRegion,
    int DistillSteps,
    int LamStemRank,
    int SamStemRank);
