using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Tests.Protocol;

/// <summary>
/// A model back-end whose knowledge is known in advance, so protocol tests can check what the actors
/// compute from it: agent a shares (a + 1) in every coordinate, the teacher 100 x region, anchors are
/// <see cref="AnchorValues"/> values of the region's id. Learners record what they absorb.
/// </summary>
internal sealed class ScriptedBackend(CooperationMethod method, int maxDimension = 8) : ILearningBackend
{
    public const int AnchorValues = 2;

    public CooperationMethod Method => method;

    public int MaxDimension => maxDimension;

    public List<ScriptedLearner> Learners { get; } = new();

    public IAgentLearner CreateAgent(int agent, int region)
    {
        var learner = new ScriptedLearner(agent, region);
        lock (Learners)
            Learners.Add(learner);
        return learner;
    }

    public float[] DistilAnchors(int region) => Enumerable.Repeat((float)region, AnchorValues).ToArray();

    public float[] TeacherKnowledge(int region, float[] anchors) => Enumerable.Repeat(100f * region, AnchorValues * maxDimension).ToArray();
}

internal sealed class ScriptedLearner(int agent, int region) : IAgentLearner
{
    public int Agent => agent;

    public int Region => region;

    public List<float[]> Absorbed { get; } = new();

    public float[]? Anchors { get; private set; }

    public int RoundsTrained { get; private set; }

    public int TrainingSamples => 10 * (agent + 1);

    public bool HasAnchors => Anchors is not null;

    public void SetAnchors(float[] anchors) => Anchors = anchors;

    public void TrainRound(int round) => RoundsTrained++;

    public float[] Knowledge(int dimension) => Enumerable.Repeat((float)(agent + 1), ScriptedBackend.AnchorValues * Math.Max(1, dimension)).ToArray();

    public void Absorb(float[] global) => Absorbed.Add(global);

    public double TestNmse() => 1.0 / (1 + Absorbed.Count);

    public object Save() => RoundsTrained;

    public void Restore(object state) => RoundsTrained = (int)state;
}
