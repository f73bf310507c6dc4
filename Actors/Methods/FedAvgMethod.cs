using System.Collections.Immutable;
using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Actors.Methods;

/// <summary>
/// FedAvg: every round each agent sends its model's weights (float32); edges and the cloud average them
/// weighted by samples (one global model, no teacher), and agents replace their weights with the average.
/// </summary>
public sealed class FedAvgMethod : CooperationMethod
{
    public const string Id = "fedavg";

    public override string Name => Id;

    public override KnowledgeScope Scope => KnowledgeScope.Global;

    public override IReadOnlyList<CooperationAction> Actions(CooperationPolicy policy, IAgentLearner learner) => [policy.AlwaysShare(learner.WeightCount)];

    public override SharedKnowledge Share(CooperationAction action, IAgentLearner learner) =>
        SharedKnowledge.Dense(Quantizer.Apply(learner.Weights(), action.BitsPerValue), 0, action.BitsPerValue);

    public override IReadOnlyList<KnowledgeBlock> Merge(IReadOnlyList<KnowledgeBlock> fromEdges, IReadOnlyDictionary<int, ImmutableArray<float>> teacher, TeacherWeighting weighting) =>
        KnowledgeAverage.ByRegion(fromEdges);

    public override void Absorb(IAgentLearner learner, KnowledgeBlock block) => learner.LoadWeights(block.Values);
}
