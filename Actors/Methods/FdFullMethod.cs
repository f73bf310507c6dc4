using System.Collections.Immutable;
using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Actors.Methods;

/// <summary>
/// Federated distillation on full outputs: every round each agent sends its outputs on its region's anchors
/// (float32, every real of every anchor); edges average per region; the cloud blends in its LAM's outputs
/// (the teacher, at <c>teacher-share</c>); agents distil toward the global outputs.
/// </summary>
public sealed class FdFullMethod : CooperationMethod
{
    public const string Id = "fd_full";

    public override string Name => Id;

    public override KnowledgeScope Scope => KnowledgeScope.PerRegion;

    public override IReadOnlyList<CooperationAction> Actions(CooperationPolicy policy, IAgentLearner learner) => [policy.AlwaysShare(policy.Anchors * learner.OutputWidth)];

    public override SharedKnowledge Share(CooperationAction action, IAgentLearner learner)
    {
        var values = Quantizer.Apply(learner.Outputs(), action.BitsPerValue);
        learner.Sent(new DistillationTarget(KnowledgeSpace.Outputs, values));
        return SharedKnowledge.Dense(values, 0, action.BitsPerValue);
    }

    public override ImmutableArray<float> Teacher(ILearningBackend backend, int region, ImmutableArray<float> anchors) => backend.TeacherOutputs(region, anchors);

    public override void Absorb(IAgentLearner learner, KnowledgeBlock block) => learner.DistilToward(new DistillationTarget(KnowledgeSpace.Outputs, block.Values, FromPeers: block.IsConsensus));
}
