using System.Collections.Immutable;
using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Actors.Methods;

/// <summary>
/// A base for methods that differ from the common case in a few places: agents share nothing unless
/// overridden, edges and the cloud average per region weighted by samples, the cloud blends in a teacher
/// when the method has one, and agents take nothing.
/// </summary>
public abstract class CooperationMethod : ICooperationMethod
{
    public abstract string Name { get; }

    public abstract KnowledgeScope Scope { get; }

    public virtual IReadOnlyList<CooperationAction> Actions(CooperationPolicy policy, IAgentLearner learner) => [policy.Skip];

    public virtual void Penalties(IReadOnlyList<CooperationAction> actions, CooperationPolicy policy, IAgentLearner learner, Span<double> penalties) => penalties.Clear();

    public virtual SharedKnowledge Share(CooperationAction action, IAgentLearner learner) =>
        throw new InvalidOperationException($"{Name} offers no action that shares");

    public virtual IReadOnlyList<KnowledgeBlock> Aggregate(IReadOnlyList<KnowledgeBlock> blocks) => KnowledgeAverage.ByRegion(blocks);

    public virtual ImmutableArray<float> Teacher(ILearningBackend backend, int region, ImmutableArray<float> anchors) => [];

    public virtual IReadOnlyList<KnowledgeBlock> Merge(IReadOnlyList<KnowledgeBlock> fromEdges, IReadOnlyDictionary<int, ImmutableArray<float>> teacher, TeacherWeighting weighting) =>
        GlobalKnowledgeMerge.Merge(fromEdges, teacher, weighting);

    public virtual void Absorb(IAgentLearner learner, KnowledgeBlock block)
    {
    }

    public override string ToString() => Name;
}
