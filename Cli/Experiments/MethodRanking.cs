using MaLAM4Com.Models;

namespace MaLAM4Com.Cli.Experiments;

/// <summary>
/// Methods ranked by their agents' mean test NMSE, with the pairs their agents resolve. A pair is ordered when
/// its means differ by at least <see cref="SmallestDifferenceDb"/> and the agents resolve that difference: two
/// methods run on the same agents, samples and seed, so each agent gives a paired difference of its NMSE (linear)
/// under the two, and their mean must lie more than two standard errors from zero. Other pairs are tied: methods
/// whose means differ by less fall either way from one seed to the next, so an order between them says nothing
/// about the methods.
/// </summary>
public sealed class MethodRanking
{
    /// <summary>
    /// The least difference of two methods' mean NMSE (dB) that orders them. Near relatives among the methods can differ by
    /// far less than any study would act on with every agent alike: the paired test alone resolves that, and another seed
    /// reverses it.
    /// </summary>
    public const double SmallestDifferenceDb = 0.1;

    private readonly Dictionary<string, IReadOnlyDictionary<int, double>> _agents;

    /// <param name="methods">Per method, in the plan's order, its agents' last test NMSE (linear) by agent; empty for a failed run.</param>
    public MethodRanking(IReadOnlyList<(string Method, IReadOnlyDictionary<int, double> AgentNmse)> methods)
    {
        _agents = methods.ToDictionary(m => m.Method, m => m.AgentNmse);
        Order = [.. methods
            .Select(m => (m.Method, Mean: m.AgentNmse.Count > 0 ? m.AgentNmse.Values.Average() : double.PositiveInfinity))
            .OrderBy(m => m.Mean)
            .Select(m => m.Method)];
    }

    /// <summary>The methods from the lowest mean NMSE to the highest; failed runs last, in the plan's order.</summary>
    public IReadOnlyList<string> Order { get; }

    /// <summary>
    /// Over the agents both ran, <paramref name="a"/>'s mean NMSE against <paramref name="b"/>'s in dB (negative: a is
    /// lower), and whether that orders them (see the class).
    /// </summary>
    public (double DifferenceDb, bool Resolved) Compare(string a, string b)
    {
        var x = _agents[a];
        var y = _agents[b];
        var common = x.Keys.Where(y.ContainsKey).ToList();
        if (common.Count < 2)
            return (double.NaN, false);
        var paired = PairedDifference.Of([.. common.Select(agent => x[agent])], [.. common.Select(agent => y[agent])]);
        double db = 10 * Math.Log10(common.Average(agent => x[agent]) / common.Average(agent => y[agent]));
        return (db, Math.Abs(db) >= SmallestDifferenceDb && paired.Resolved);
    }

    /// <summary>
    /// Whether two rankings of the same methods (full and lite fidelity) agree: no pair is ordered in one of them and
    /// lies the other way round in the other. Pairs neither resolves do not count.
    /// </summary>
    public static bool Agree(MethodRanking x, MethodRanking y)
    {
        var methods = x.Order;
        for (int i = 0; i < methods.Count; i++)
        {
            for (int j = i + 1; j < methods.Count; j++)
            {
                var (dx, rx) = x.Compare(methods[i], methods[j]);
                var (dy, ry) = y.Compare(methods[i], methods[j]);
                if (double.IsNaN(dx) || double.IsNaN(dy))
                    return false;
                if ((rx || ry) && Math.Sign(dx) != Math.Sign(dy))
                    return false;
            }
        }
        return true;
    }

    /// <summary>The order written out: "a &lt; b" where the neighbours are ordered, "a ≈ b" where they are tied.</summary>
    public override string ToString()
    {
        if (Order.Count == 0)
            return "";
        var text = new System.Text.StringBuilder(Order[0]);
        for (int i = 1; i < Order.Count; i++)
            text.Append(Compare(Order[i - 1], Order[i]).Resolved ? " < " : " ≈ ").Append(Order[i]);
        return text.ToString();
    }
}
