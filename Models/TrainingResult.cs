namespace MaLAM4Com.Models;

/// <summary>
/// The course of one training run. <see cref="ValidationNmseDb"/>[0] is the validation NMSE before the
/// first update, entry e the one after epoch e; <see cref="BestEpoch"/> is the epoch whose weights were
/// kept (0 when no epoch improved on the start), i.e. the epochs it took to converge.
/// <see cref="SamplesSeen"/> counts every epoch's training samples.
/// </summary>
public sealed record TrainingResult(
    int EpochsRun,
    int BestEpoch,
    double BestValidationNmseDb,
    IReadOnlyList<double> TrainLoss,
    IReadOnlyList<double> ValidationNmseDb,
    long TrainableParameters,
    TimeSpan Elapsed,
    long SamplesSeen)
{
    /// <summary>Training samples per second of the run, validation included.</summary>
    public double SamplesPerSecond => SamplesSeen / Elapsed.TotalSeconds;
}
