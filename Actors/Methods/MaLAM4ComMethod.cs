using System.Buffers;
using System.Collections.Immutable;
using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Actors.Methods;

/// <summary>
/// MaLAM4Com: each round an agent chooses by drift-plus-penalty to skip or to share the leading d
/// embedding coordinates of its outputs on its region's anchors at b bits per value; edges average per
/// region; the cloud blends the edges' aggregates with its LAM's own embeddings (the teacher, at share
/// <c>teacher-share</c>, or learned per region); agents distil toward the global embeddings. The penalty
/// of an action is the models' own estimate of the accuracy it gives up: the agent's disagreement with the
/// global knowledge (what sharing could still correct) times what its edge would then hold wrong about the
/// agent's knowledge, relative to that knowledge: what a report leaves out through its dimension and its
/// quantisation, measured on the agent's own embeddings (<see cref="ReportError"/>); what a skip leaves out,
/// the agent's last report standing at its edge, is how far the agent has drifted from that report, all of it
/// before the first report or once the edge no longer counts it.
/// </summary>
public sealed class MaLAM4ComMethod : CooperationMethod
{
    public const string Id = "malam4com";

    public override string Name => Id;

    public override KnowledgeScope Scope => KnowledgeScope.PerRegion;

    public override IReadOnlyList<CooperationAction> Actions(CooperationPolicy policy, IAgentLearner learner) => policy.Actions;

    public override void Penalties(IReadOnlyList<CooperationAction> actions, CooperationPolicy policy, IAgentLearner learner, Span<double> penalties)
    {
        double disagreement = learner.Disagreement();
        int width = learner.EmbeddingWidth;
        // The agent's embeddings, all its coordinates: computed for the first report priced and shared by the others.
        float[]? knowledge = null;
        for (int i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            penalties[i] = disagreement * (action.Shares
                ? ReportError(knowledge ??= learner.Embeddings(width), width, action.EmbeddingDimension, action.BitsPerValue)
                : learner.StaleReportError());
        }
    }

    /// <summary>
    /// What a report of <paramref name="dimension"/> coordinates at <paramref name="bits"/> leaves out of the agent's knowledge now
    /// (its embeddings, <paramref name="width"/> coordinates per anchor): the relative squared distance of all its coordinates from the
    /// report as its edge reconstructs it, the coordinates beyond the report's as zero. A skip's penalty measures the same distance
    /// from the last report, so the two compare.
    /// </summary>
    public static double ReportError(ReadOnlySpan<float> knowledge, int width, int dimension, int bits)
    {
        int d = Math.Min(dimension, width);
        int anchors = knowledge.Length / width;
        // Asked for every action of every agent each round: the report is made in a pooled buffer, not allocated.
        var buffer = ArrayPool<float>.Shared.Rent(anchors * d);
        try
        {
            var report = buffer.AsSpan(0, anchors * d);
            for (int a = 0; a < anchors; a++)
                knowledge.Slice(a * width, d).CopyTo(report.Slice(a * d, d));
            Quantizer.Apply(report, bits, report);
            return ReportDistance.Relative(knowledge, width, report);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    public override SharedKnowledge Share(CooperationAction action, IAgentLearner learner)
    {
        var values = Quantizer.Apply(learner.Embeddings(action.EmbeddingDimension), action.BitsPerValue);
        learner.Sent(new DistillationTarget(KnowledgeSpace.Embeddings, values));
        return SharedKnowledge.Dense(values, action.EmbeddingDimension, action.BitsPerValue);
    }

    public override ImmutableArray<float> Teacher(ILearningBackend backend, int region, ImmutableArray<float> anchors) => backend.TeacherEmbeddings(region, anchors);

    public override void Absorb(IAgentLearner learner, KnowledgeBlock block) => learner.DistilToward(new DistillationTarget(KnowledgeSpace.Embeddings, block.Values, FromPeers: block.IsConsensus));
}
