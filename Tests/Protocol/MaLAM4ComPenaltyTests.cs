using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Actors.Methods;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Tests.Protocol;

/// <summary>MaLAM4Com's penalty: what each action leaves out of what the agent could still correct.</summary>
public sealed class MaLAM4ComPenaltyTests
{
    private static readonly CooperationPolicy Policy = new(V: 1e9, Anchors: 2, Dimensions: [4, 8], Bits: [4, 8], ByteBudget: 8, EnergyBudgetMj: 1, TxEnergyMjPerKb: 0.25, ComputeEnergyMjPerDimension: 0.01);

    private static ScriptedLearner Learner(double staleError)
    {
        var learner = new ScriptedLearner(0, 1) { StaleError = staleError };
        learner.SetAnchors([1f, 1f]);
        // Having absorbed global knowledge, it disagrees with it by half.
        learner.DistilToward(new DistillationTarget(KnowledgeSpace.Embeddings, [1f]));
        return learner;
    }

    [Fact]
    public void ASkipCostsWhatTheAgentDriftedFromTheReportItsEdgeStillCounts()
    {
        var method = new MaLAM4ComMethod();
        var learner = Learner(staleError: 0.3);
        // A report of 4 of its 8 equal coordinates leaves out half of them; equal values quantise without error.
        var half = Policy.Actions.Single(a => a.Name == "d4-b8");
        var penalties = new double[2];
        method.Penalties([Policy.Skip, half], Policy, learner, penalties);
        Assert.Equal([0.5 * 0.3, 0.5 * 0.5], penalties, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void AnAgentWhoseLastReportStillHoldsStaysSilentHoweverLargeV()
    {
        var method = new MaLAM4ComMethod();
        var (fresh, _) = AgentChoice.Decide(method, Policy, Policy.Queues(), Learner(staleError: 1));
        // All its coordinates: its equal values lose nothing at 4 bits, so the first such report in the list wins the tie.
        Assert.Equal("d8-b4", fresh.Name);
        var (unchanged, knowledge) = AgentChoice.Decide(method, Policy, Policy.Queues(), Learner(staleError: 0));
        Assert.Same(Policy.Skip, unchanged);
        Assert.Null(knowledge);
    }
}
