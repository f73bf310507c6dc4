using System.Collections.Immutable;
using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Actors.Methods;

/// <summary>
/// MaLAM4Com: each round an agent chooses by drift-plus-penalty to skip or to share the leading d
/// embedding coordinates of its outputs on its region's anchors at b bits per value; edges average per
/// region; the cloud blends the edges' aggregates with its LAM's own embeddings (the teacher, at share
/// <c>teacher-share</c>); agents distil toward the global embeddings. The penalty of an action is the share
/// of dimensions it leaves out plus its quantisation error 2^-b (1 for a skip).
/// </summary>
public sealed class MaLAM4ComMethod : CooperationMethod
{
    public const string Id = "malam4com";

    public override string Name => Id;

    public override KnowledgeScope Scope => KnowledgeScope.PerRegion;

    public override IReadOnlyList<CooperationAction> Actions(CooperationPolicy policy, IAgentLearner learner) => policy.Actions;

    public override double Penalty(CooperationAction action, CooperationPolicy policy, IAgentLearner learner) =>
        action.Shares ? 1.0 - (double)action.EmbeddingDimension / policy.LargestDimension + Math.Pow(2, -action.BitsPerValue) : 1.0;

    public override SharedKnowledge Share(CooperationAction action, IAgentLearner learner) =>
        SharedKnowledge.Dense(Quantizer.Apply(learner.Embeddings(action.EmbeddingDimension), action.BitsPerValue), action.EmbeddingDimension, action.BitsPerValue);

    public override ImmutableArray<float> Teacher(ILearningBackend backend, int region, ImmutableArray<float> anchors) => backend.TeacherEmbeddings(region, anchors);

    public override void Absorb(IAgentLearner learner, KnowledgeBlock block) => learner.DistilToward(new DistillationTarget(KnowledgeSpace.Embeddings, block.Values));
}
