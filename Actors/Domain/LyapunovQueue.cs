namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// A Lyapunov virtual queue for one long-term budget (bytes or energy per round):
/// Q(t+1) = max(Q(t) + cost(t) - budget, 0). Its backlog measures how far spending has run ahead
/// of the budget; keeping it stable keeps the long-run average cost within the budget.
/// </summary>
public sealed class LyapunovQueue
{
    public LyapunovQueue(double budget, double backlog = 0)
    {
        if (!(budget >= 0) || double.IsInfinity(budget))
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "a budget must be a finite number >= 0");
        if (!(backlog >= 0) || double.IsInfinity(backlog))
            throw new ArgumentOutOfRangeException(nameof(backlog), backlog, "a backlog must be a finite number >= 0");
        Budget = budget;
        Backlog = backlog;
    }

    public double Budget { get; }

    public double Backlog { get; private set; }

    public double TotalCost { get; private set; }

    public long Rounds { get; private set; }

    /// <summary>Mean cost per round so far (0 before the first round).</summary>
    public double AverageCost => Rounds == 0 ? 0 : TotalCost / Rounds;

    /// <summary>Adds one round's cost and returns the new backlog.</summary>
    public double Update(double cost)
    {
        if (!(cost >= 0) || double.IsInfinity(cost))
            throw new ArgumentOutOfRangeException(nameof(cost), cost, "a cost must be a finite number >= 0");
        Backlog = Math.Max(Backlog + cost - Budget, 0);
        TotalCost += cost;
        Rounds++;
        return Backlog;
    }
}
