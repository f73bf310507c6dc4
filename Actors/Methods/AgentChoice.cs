using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Actors.Methods;

/// <summary>
/// An agent's choice of a round: skip while it lacks the anchors its method needs; otherwise the action
/// of its method's that minimises drift-plus-penalty over its queues, and what that action sends.
/// </summary>
public static class AgentChoice
{
    public static (CooperationAction Action, SharedKnowledge? Knowledge) Decide(ICooperationMethod method, CooperationPolicy policy, IReadOnlyList<LyapunovQueue> queues, IAgentLearner learner)
    {
        if (method.Scope == KnowledgeScope.PerRegion && !learner.HasAnchors)
            return (policy.Skip, null);
        var actions = method.Actions(policy, learner);
        Span<double> penalties = actions.Count <= 64 ? stackalloc double[actions.Count] : new double[actions.Count];
        // V = 0 weighs the budgets only: the penalties would count for nothing, so they are not asked for.
        if (policy.V > 0)
            method.Penalties(actions, policy, learner, penalties);
        else
            penalties.Clear();
        var action = DriftPlusPenalty.Choose(actions, penalties, policy.V, queues);
        return (action, action.Shares ? method.Share(action, learner) : null);
    }
}
