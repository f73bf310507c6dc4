namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// Dataset distillation by distribution matching (<see cref="DatasetDistiller"/>): <paramref name="Steps"/> Adam
/// updates of the synthetic samples at <paramref name="LearningRate"/> (in units of the real inputs' RMS, so one setting
/// suits every sampling ratio); each step draws <paramref name="Encoders"/>
/// fresh random encoders of <paramref name="EncoderWidth"/> features and a real minibatch of up to
/// <paramref name="BatchSize"/> samples. Every random draw derives from <paramref name="Seed"/> and the region.
/// </summary>
public sealed record DistillationSettings(int Steps, double LearningRate, int Encoders, int EncoderWidth, int BatchSize, ulong Seed)
{
    /// <summary>Distils one region of about 200 samples to 32 in a fraction of a second on one core.</summary>
    public static DistillationSettings Default { get; } = new(Steps: 100, LearningRate: 0.02, Encoders: 4, EncoderWidth: 64, BatchSize: 256, Seed: 1);

    public void Validate()
    {
        if (Steps < 1)
            throw new ArgumentException($"Distillation steps must be at least 1 (got {Steps}).");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentException($"Distillation learning rate must be positive and finite (got {LearningRate}).");
        if (Encoders < 1 || EncoderWidth < 1)
            throw new ArgumentException($"Distillation needs at least 1 encoder of width at least 1 (got {Encoders} of width {EncoderWidth}).");
        if (BatchSize < 1)
            throw new ArgumentException($"Distillation batch size must be at least 1 (got {BatchSize}).");
    }
}
