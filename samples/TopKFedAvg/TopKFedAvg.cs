using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Actors.Methods;
using MaLAM4Com.Models.Cooperation;

namespace MyLab;

/// <summary>
/// FedAvg with top-k sparsified updates (Aji and Heafield, 2017; Stich et al., 2018): each round an agent
/// sends only the <see cref="Fraction"/> of its weights that moved most since the global model it last
/// took, as (index, value) pairs of 4 + 4 bytes; the edge and the cloud see its weights as that global
/// model plus the sparse update, and average them by samples, as FedAvg does. An agent that has taken no
/// global model yet sends all its weights. Everything else is FedAvg's, inherited from the base class.
/// </summary>
public sealed class TopKFedAvg : CooperationMethod
{
    /// <summary>Share of the weights an update carries.</summary>
    public const double Fraction = 0.05;

    // The global weights each agent last took (the base its updates are sparse against); one instance serves every agent.
    private readonly ConditionalWeakTable<IAgentLearner, float[]> _base = new();

    public override string Name => "topk_fedavg";

    public override KnowledgeScope Scope => KnowledgeScope.Global;

    public override IReadOnlyList<CooperationAction> Actions(CooperationPolicy policy, IAgentLearner learner)
    {
        int n = learner.WeightCount;
        bool sparse = _base.TryGetValue(learner, out _);
        double bytes = sparse ? Kept(n) * 8.0 : n * 4.0;
        return [new CooperationAction("top-k", sparse ? Kept(n) : n, 32, [bytes, bytes / 1024 * policy.TxEnergyMjPerKb])];
    }

    public override SharedKnowledge Share(CooperationAction action, IAgentLearner learner)
    {
        var weights = learner.Weights();
        if (!_base.TryGetValue(learner, out var global))
            return SharedKnowledge.Dense([.. weights], 0, 32);
        int k = Kept(weights.Length);
        // Indices of the k largest changes; ties go to the lower index, so the choice is deterministic.
        var largest = Enumerable.Range(0, weights.Length)
            .OrderByDescending(i => Math.Abs(weights[i] - global[i])).ThenBy(i => i)
            .Take(k).ToHashSet();
        var sparse = new float[weights.Length];
        for (int i = 0; i < sparse.Length; i++)
            sparse[i] = largest.Contains(i) ? weights[i] : global[i];
        return new SharedKnowledge([.. sparse], 0, k * (sizeof(int) + sizeof(float)));
    }

    public override IReadOnlyList<KnowledgeBlock> Merge(IReadOnlyList<KnowledgeBlock> fromEdges, IReadOnlyDictionary<int, ImmutableArray<float>> teacher, TeacherWeighting weighting) =>
        KnowledgeAverage.ByRegion(fromEdges);

    public override void Absorb(IAgentLearner learner, KnowledgeBlock block)
    {
        learner.LoadWeights(block.Values);
        _base.AddOrUpdate(learner, block.Values.ToArray());
    }

    private static int Kept(int weights) => Math.Max(1, (int)Math.Ceiling(Fraction * weights));
}
