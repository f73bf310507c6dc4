namespace MaLAM4Com.Models;

/// <summary>
/// The pretrained reference SAM as the report shows it, whatever its <see cref="SamFamily"/>: its shape, size, cost,
/// validation NMSE on the pooled pretraining regions and how it got there (a transformer's training run, from the
/// cache or not, or a linear SAM's choice of ridge strength).
/// </summary>
public sealed record PretrainedSam(SamFamily Family, string Shape, long ParameterCount, long FlopsPerSample, double ValidationNmseDb,
    TrainingResult? Training, RidgeChoice? Ridge, bool FromCache)
{
    public static PretrainedSam Of(PretrainedModel transformer) => new(SamFamily.Transformer, transformer.Settings.Shape(), transformer.Settings.ParameterCount,
        transformer.Settings.FlopsPerSample, transformer.Training.BestValidationNmseDb, transformer.Training, null, transformer.FromCache);

    public static PretrainedSam Of(LinearSam linear, RidgeChoice choice) =>
        new(SamFamily.Linear, linear.Shape(), linear.ParameterCount, linear.FlopsPerSample, choice.BestValidationNmseDb, null, choice, FromCache: false);
}
