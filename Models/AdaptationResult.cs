namespace MaLAM4Com.Models;

/// <summary>
/// One method on one region: test-split NMSE (dB) and GCS, E-LASCO's learned alpha, the training course
/// (null for the methods that do not train) and the median inference time for a batch of 64 users.
/// </summary>
public sealed record AdaptationResult(
    int Region,
    LascoMethod Method,
    double TestNmseDb,
    double TestGcs,
    double? Alpha,
    long TrainableParameters,
    TrainingResult? Training,
    double InferenceMsPer64Users)
{
    public int EpochsToConverge => Training?.BestEpoch ?? 0;
}
