using MaLAM4Com.Engine.Config;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Engine.Scenarios;

/// <summary>The model back-end that <c>scenario.learning.fidelity</c> selects, built for one run.</summary>
public static class LearningBackends
{
    public static ILearningBackend Create(ScenarioSettings s, ulong seed, TextWriter progress) => s.Learning.Fidelity switch
    {
        "full" => new FullBackend(s.Learning, seed, s.CacheDirectory, progress, Distiller(s.Learning.DistillSteps, seed)),
        _ => throw new ConfigException("malam4com.scenario.learning.fidelity", $"\"{s.Learning.Fidelity}\"", "the lite back-end is not built yet; use \"full\""),
    };

    /// <summary>Distribution matching with <paramref name="steps"/> steps, or its starting point (a seeded subset of the pool) for 0.</summary>
    private static Func<TorchSharp.torch.Tensor, int, int, TorchSharp.torch.Tensor> Distiller(int steps, ulong seed) =>
        steps == 0
            ? FullBackend.RandomSubset
            : (real, count, region) => new DatasetDistiller(DistillationSettings.Default with { Steps = steps, Seed = seed }).Distil(real, count, region).Samples;
}
