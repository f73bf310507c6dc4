using System.Collections.Immutable;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Tests.Protocol;

/// <summary>
/// A model back-end whose knowledge is known in advance, so protocol tests can check what the actors
/// compute from it: agent a shares (a + 1) in every coordinate, the teacher 100 x region, anchors are
/// <see cref="AnchorValues"/> values of the region's id. Learners record the targets and weights they take.
/// </summary>
internal sealed class ScriptedBackend(int maxDimension = 8) : ILearningBackend
{
    public const int AnchorValues = 2;

    public int MaxDimension => maxDimension;

    public List<ScriptedLearner> Learners { get; } = new();

    public TrainingTally Tally { get; } = new();

    public double? LamSamplesPerSecond => null;

    public IAgentLearner CreateAgent(int agent, int region)
    {
        var learner = new ScriptedLearner(agent, region);
        lock (Learners)
            Learners.Add(learner);
        return learner;
    }

    public ImmutableArray<float> DistilAnchors(int region) => [.. Enumerable.Repeat((float)region, AnchorValues)];

    public ImmutableArray<float> TeacherOutputs(int region, ImmutableArray<float> anchors) => [.. Enumerable.Repeat(100f * region, AnchorValues * ScriptedLearner.Width)];

    public ImmutableArray<float> TeacherEmbeddings(int region, ImmutableArray<float> anchors) => [.. Enumerable.Repeat(100f * region, AnchorValues * maxDimension)];
}

internal sealed class ScriptedLearner(int agent, int region) : IAgentLearner
{
    /// <summary>Output values per anchor.</summary>
    public const int Width = 4;

    public int Agent => agent;

    public int Region => region;

    public List<float[]> Absorbed { get; } = new();

    public ImmutableArray<float> Anchors { get; private set; } = [];

    public int RoundsTrained { get; private set; }

    public int TrainingSamples => 10 * (agent + 1);

    public bool HasAnchors => !Anchors.IsEmpty;

    public int OutputWidth => Width;

    public int WeightCount => AnchorValues;

    private const int AnchorValues = ScriptedBackend.AnchorValues;

    public void SetAnchors(ImmutableArray<float> anchors) => Anchors = anchors;

    public void TrainRound(int round) => RoundsTrained++;

    public float[] Outputs() => Shared(AnchorValues * Width);

    public float[] Embeddings(int dimension) => Shared(AnchorValues * dimension);

    public float[] Weights() => Shared(WeightCount);

    private float[] Shared(int values) => Enumerable.Repeat((float)(agent + 1), values).ToArray();

    public void LoadWeights(ImmutableArray<float> weights) => Absorbed.Add(weights.ToArray());

    public void DistilToward(DistillationTarget target) => Absorbed.Add(target.Values.ToArray());

    public double TestNmse() => 1.0 / (1 + Absorbed.Count);

    /// <summary>Half while it has absorbed nothing, so that sharing has something to gain.</summary>
    public double Disagreement() => Absorbed.Count == 0 ? 1 : 0.5;

    public int EmbeddingWidth => 8;

    /// <summary>What <see cref="StaleReportError"/> says: by default a skip leaves out everything.</summary>
    public double StaleError { get; set; } = 1;

    public double StaleReportError() => StaleError;

    public object Save() => RoundsTrained;

    public void Restore(object state) => RoundsTrained = (int)state;
}
