using System.Collections.Immutable;
using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Actors.Methods;

/// <summary>
/// A cooperation method, whole, as one object (a strategy): what an agent may share and what each choice
/// costs in accuracy (the drift-plus-penalty penalty), what it sends and how many bytes that takes, how an
/// edge aggregates its agents' knowledge, what the cloud adds of its own (the teacher) and how it merges,
/// and how an agent takes the global knowledge. The actors run the round protocol and call these; they
/// know no method. Methods work on any model back-end through <see cref="IAgentLearner"/>, so each serves
/// both fidelities. Built-ins are chosen by short name; a method of your own by its type name in config
/// (<c>scenario.learning.method = "MyLab.MyMethod, MyLab"</c>; see <see cref="CooperationMethods"/>).
/// Implementations must be stateless or thread-safe: one instance serves every entity of a run.
/// </summary>
public interface ICooperationMethod
{
    /// <summary>The method's name in config, traces and reports.</summary>
    string Name { get; }

    /// <summary>What its knowledge is about (and so whether agents wait for anchors).</summary>
    KnowledgeScope Scope { get; }

    /// <summary>This round's choices of an agent that has what it needs (its anchors, if any), skip first.</summary>
    IReadOnlyList<CooperationAction> Actions(CooperationPolicy policy, IAgentLearner learner);

    /// <summary>
    /// The accuracy an agent expects to lose by each of <paramref name="actions"/> (V weighs it against the budgets), written to
    /// <paramref name="penalties"/> in the actions' order. Asked once per decision (not when V = 0), so what every action's penalty
    /// needs is computed once.
    /// </summary>
    void Penalties(IReadOnlyList<CooperationAction> actions, CooperationPolicy policy, IAgentLearner learner, Span<double> penalties);

    /// <summary>What an agent sends for a sharing <paramref name="action"/>, and its size.</summary>
    SharedKnowledge Share(CooperationAction action, IAgentLearner learner);

    /// <summary>An edge's aggregate of one round's blocks (fresh reports, then stale ones with discounted weights).</summary>
    IReadOnlyList<KnowledgeBlock> Aggregate(IReadOnlyList<KnowledgeBlock> blocks);

    /// <summary>The cloud's own knowledge on a region's anchors (the teacher), or empty when it adds none.</summary>
    ImmutableArray<float> Teacher(ILearningBackend backend, int region, ImmutableArray<float> anchors);

    /// <summary>The cloud's global knowledge of a round from its edges' aggregates and its teacher's knowledge by region.</summary>
    IReadOnlyList<KnowledgeBlock> Merge(IReadOnlyList<KnowledgeBlock> fromEdges, IReadOnlyDictionary<int, ImmutableArray<float>> teacher, TeacherWeighting weighting);

    /// <summary>How an agent takes a block of global knowledge meant for it (its region's, or the global one).</summary>
    void Absorb(IAgentLearner learner, KnowledgeBlock block);
}
