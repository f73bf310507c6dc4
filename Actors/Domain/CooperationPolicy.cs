namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// What an agent may do each round and what it costs (<c>scenario.cooperation.*</c>): skip, or share its
/// knowledge on the anchors as embeddings of each configured dimension at each configured quantisation.
/// Two budgets, in this order: bytes sent per round and energy per round (mJ: transmission per KB plus
/// encoding per dimension). Which of them an agent takes is its method's choice.
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

    /// <summary>Skipping the round: it costs nothing.</summary>
    public CooperationAction Skip => Actions[0];

    /// <summary>Skip, then every dimension at every quantisation: built once and shared by every agent of this policy.</summary>
    public IReadOnlyList<CooperationAction> Actions => _actions ??= BuildActions();

    /// <summary>The largest embedding dimension an agent may share.</summary>
    public int LargestDimension => Dimensions.Max();

    private List<CooperationAction> BuildActions()
    {
        var actions = new List<CooperationAction> { new("skip", 0, 0, [0, 0]) };
        foreach (int d in Dimensions)
        {
            foreach (int b in Bits)
            {
                double bytes = Anchors * d * b / 8.0;
                double energy = bytes / 1024 * TxEnergyMjPerKb + d * ComputeEnergyMjPerDimension;
                actions.Add(new CooperationAction($"d{d}-b{b}", d, b, [bytes, energy]));
            }
        }
        return actions;
    }

    /// <summary>The one action of a method that shares all it has every round: <paramref name="values"/> float32 values (full outputs or weights).</summary>
    public CooperationAction AlwaysShare(int values)
    {
        double bytes = values * 4.0;
        return new CooperationAction("full", values, 32, [bytes, bytes / 1024 * TxEnergyMjPerKb]);
    }

    /// <summary>Fresh queues for the two budgets, in the order of <see cref="CooperationAction.Costs"/>.</summary>
    public LyapunovQueue[] Queues() => [new LyapunovQueue(ByteBudget), new LyapunovQueue(EnergyBudgetMj)];
}
