namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// Drift-plus-penalty choice: the action minimising V x penalty + sum over budgets of Q x cost.
/// A large V favours accuracy, a small V the budgets. Ties go to the earlier action in the list,
/// so the choice is deterministic.
/// </summary>
public static class DriftPlusPenalty
{
    public static double Score(CooperationAction action, double penalty, double v, IReadOnlyList<LyapunovQueue> queues)
    {
        if (action.Costs.Count != queues.Count)
            throw new ArgumentException($"action '{action.Name}' has {action.Costs.Count} costs for {queues.Count} queues", nameof(action));
        double score = v * penalty;
        for (int i = 0; i < queues.Count; i++)
            score += queues[i].Backlog * action.Costs[i];
        return score;
    }

    /// <param name="penalties">Each action's penalty, in the actions' order: the accuracy its method expects to lose by it.</param>
    public static CooperationAction Choose(IReadOnlyList<CooperationAction> actions, ReadOnlySpan<double> penalties, double v, IReadOnlyList<LyapunovQueue> queues)
    {
        if (actions.Count == 0)
            throw new ArgumentException("there must be at least one action to choose from", nameof(actions));
        if (penalties.Length != actions.Count)
            throw new ArgumentException($"{penalties.Length} penalties for {actions.Count} actions", nameof(penalties));
        if (!(v >= 0) || double.IsInfinity(v))
            throw new ArgumentOutOfRangeException(nameof(v), v, "V must be a finite number >= 0");
        var best = actions[0];
        double bestScore = Score(best, penalties[0], v, queues);
        for (int i = 1; i < actions.Count; i++)
        {
            double score = Score(actions[i], penalties[i], v, queues);
            if (score < bestScore)
            {
                best = actions[i];
                bestScore = score;
            }
        }
        return best;
    }
}
