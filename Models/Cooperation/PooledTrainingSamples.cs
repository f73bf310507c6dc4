namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// Training samples of several agents one after the other, and one agent's own test samples: what an agent fits
/// when a region's agents pool their raw data (<c>scenario.learning.pooled-data</c>, a reference, no method).
/// </summary>
public sealed class PooledTrainingSamples(IReadOnlyList<LinearSamples> training, LinearSamples own, int features, int outputs) : LinearSamples
{
    public override int Count { get; } = training.Sum(s => s.Count);

    public override int TestCount => own.TestCount;

    public override void Training(Span<double> x, Span<double> y)
    {
        int at = 0;
        foreach (var part in training)
        {
            part.Training(x.Slice(at * features, part.Count * features), y.Slice(at * outputs, part.Count * outputs));
            at += part.Count;
        }
    }

    public override void Test(Span<double> x, Span<double> y, Span<double> floor, Span<double> energy) => own.Test(x, y, floor, energy);

    /// <summary>
    /// What agent <paramref name="agent"/> fits: its <paramref name="own"/> samples, or with <see cref="LearningSettings.PooledData"/>
    /// the training samples of every agent of its region (<paramref name="trainingOf"/> another agent's) and its own test samples.
    /// </summary>
    public static LinearSamples For(LearningSettings settings, int agent, LinearSamples own, Func<int, LinearSamples> trainingOf, int features, int outputs) =>
        settings.PooledData
            ? new PooledTrainingSamples([.. settings.TrainingAgents(agent).Select(a => a == agent ? own : trainingOf(a))], own, features, outputs)
            : own;
}
