using MaLAM4Com.Engine.Config;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Engine.Scenarios;

/// <summary>The model back-end that <c>scenario.learning.fidelity</c> selects, built for one run.</summary>
public static class LearningBackends
{
    public static ILearningBackend Create(ScenarioSettings s, ulong seed, TextWriter progress) => s.Learning.Fidelity switch
    {
        "full" => new FullBackend(s.Learning, seed, s.CacheDirectory, progress, FullBackend.RandomSubset),
        _ => throw new ConfigException("malam4com.scenario.learning.fidelity", $"\"{s.Learning.Fidelity}\"", "the lite back-end is not built yet; use \"full\""),
    };
}
