using MaLAM4Com.Cli.Config;
using MaLAM4Com.Engine.Config;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Cli.Scenarios;

/// <summary>The model back-end that <c>scenario.learning.fidelity</c> selects, built for one run.</summary>
public static class LearningBackends
{
    /// <summary>Largest number of output coordinates of the lite back-end (each agent holds them times its input axes).</summary>
    public const int MaxLiteDimension = 256;

    public static ILearningBackend Create(ScenarioSettings s, ulong seed, TextWriter progress) => s.Learning.Fidelity switch
    {
        Fidelity.Full => new FullBackend(s.Learning, seed, s.CacheDirectory, progress, Distiller(s.Learning.DistillSteps, seed)),
        _ => new LiteBackend(s.Learning, seed, LiteDimension(s)),
    };

    /// <summary>Distribution matching with <paramref name="steps"/> steps, or its starting point (a seeded subset of the pool) for 0.</summary>
    private static Func<TorchSharp.torch.Tensor, int, int, TorchSharp.torch.Tensor> Distiller(int steps, ulong seed) =>
        steps == 0
            ? FullBackend.RandomSubset
            : (real, count, region) => new DatasetDistiller(DistillationSettings.Default with { Steps = steps, Seed = seed }).Distil(real, count, region).Samples;

    // Lite coordinates are as many as the largest dimension agents may share.
    private static int LiteDimension(ScenarioSettings s)
    {
        int d = s.Cooperation.Dimensions.Max();
        return d <= MaxLiteDimension
            ? d
            : throw new ConfigException("malam4com.scenario.cooperation.dimensions", $"[{string.Join(", ", s.Cooperation.Dimensions)}]",
                $"with fidelity = lite the largest dimension is the number of lite output coordinates: at most {MaxLiteDimension}, e.g. [4, 8, 16]");
    }
}
