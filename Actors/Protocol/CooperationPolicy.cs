namespace MaLAM4Com.Actors.Protocol;

/// <summary>
/// What an agent may do each round and what it costs: skip, or share its knowledge on the anchors
/// as embeddings of each configured dimension at each configured quantisation. Two budgets, in
/// this order: bytes sent per round and energy per round (mJ: transmission per KB plus encoding per
/// dimension). The penalty is our stand-in for the accuracy lost by sharing less, until the models
/// estimate it: 1 for a skip, else the share of dimensions left out plus the quantisation error 2^-bits.
/// </summary>
public sealed record CooperationPolicy(
    double V,
    int Anchors,
    IReadOnlyList<int> Dimensions,
    IReadOnlyList<int> Bits,
    double ByteBudget,
    double EnergyBudgetMj,
    double TxEnergyMjPerKb,
    double ComputeEnergyMjPerDimension)
{
    private IReadOnlyList<CooperationAction>? _actions;

    // A `with` copy must not inherit the cached actions: it may change the dimensions, bits or costs they are built from.
    private CooperationPolicy(CooperationPolicy original)
    {
        (V, Anchors, Dimensions, Bits, ByteBudget, EnergyBudgetMj, TxEnergyMjPerKb, ComputeEnergyMjPerDimension) =
            (original.V, original.Anchors, original.Dimensions, original.Bits, original.ByteBudget, original.EnergyBudgetMj, original.TxEnergyMjPerKb, original.ComputeEnergyMjPerDimension);
    }

    /// <summary>The actions, built once and shared by every agent of this policy.</summary>
    public IReadOnlyList<CooperationAction> Actions => _actions ??= BuildActions();

    private IReadOnlyList<CooperationAction> BuildActions()
    {
        int largest = Dimensions.Max();
        var actions = new List<CooperationAction> { new("skip", 0, 0, 1.0, [0, 0]) };
        foreach (int d in Dimensions)
        {
            foreach (int b in Bits)
            {
                double bytes = Anchors * d * b / 8.0;
                double energy = bytes / 1024 * TxEnergyMjPerKb + d * ComputeEnergyMjPerDimension;
                double penalty = 1.0 - (double)d / largest + Math.Pow(2, -b);
                actions.Add(new CooperationAction($"d{d}-b{b}", d, b, penalty, [bytes, energy]));
            }
        }
        return actions;
    }

    /// <summary>The one action of a baseline that shares every round: <paramref name="values"/> float32 values (full outputs or weights).</summary>
    public CooperationAction AlwaysShare(int values)
    {
        double bytes = values * 4.0;
        return new CooperationAction("full", values, 32, 0, [bytes, bytes / 1024 * TxEnergyMjPerKb]);
    }

    /// <summary>Fresh queues for the two budgets, in the order of <see cref="CooperationAction.Costs"/>.</summary>
    public LyapunovQueue[] Queues() => [new LyapunovQueue(ByteBudget), new LyapunovQueue(EnergyBudgetMj)];
}
