namespace MaLAM4Com.Models;

/// <summary>
/// One method on one region: test-split NMSE (dB) and GCS, E-LASCO's learned alpha, how it adapted (a transformer's
/// training course, or a linear SAM's choice of ridge strength; both null for the methods that do not adapt) and the
/// median inference time for a batch of 64 users.
/// </summary>
public sealed record AdaptationResult(
    int Region,
    LascoMethod Method,
    double TestNmseDb,
    double TestGcs,
    double? Alpha,
    long TrainableParameters,
    TrainingResult? Training,
    RidgeChoice? Ridge,
    double InferenceMsPer64Users)
{
    public int EpochsToConverge => Training?.BestEpoch ?? 0;
}
