using System.Collections.Immutable;

namespace MaLAM4Com.Actors.Domain;

/// <summary>An edge's close of one round: fresh and stale contributions, whether the quorum was met, and the aggregate per region.</summary>
public sealed record EdgeRound(int Round, int Fresh, int Stale, bool QuorumMet, long Samples, IReadOnlyList<KnowledgeBlock> Blocks);

/// <summary>
/// An edge coordinator's book of its agents' reports of the open round, aggregated by the method's rule
/// (by default per region, weighted by sample counts and renormalised over who reported). An agent that missed the round may still count with its
/// last knowledge, discounted by <c>discount^age</c> for up to <c>maxStaleness</c> rounds. Below the
/// quorum the round is skipped rather than averaged from too little: the agents whose knowledge the average would
/// hold, fresh or still counted, must make that share of the edge's agents, and one of them must be fresh.
/// </summary>
public sealed class EdgeKnowledgeBook
{
    private readonly RoundAggregator<KnowledgeBlock> _reports;
    private readonly double _discount;
    private readonly int _maxStaleness;
    private readonly SortedDictionary<int, (int Round, KnowledgeBlock Knowledge)> _last = new();
    private readonly Func<IReadOnlyList<KnowledgeBlock>, IReadOnlyList<KnowledgeBlock>> _aggregate;

    /// <param name="aggregate">The method's aggregation of one round's blocks (fresh, then stale ones); <see cref="KnowledgeAverage.ByRegion"/> if null.</param>
    public EdgeKnowledgeBook(int agents, double quorum, double stalenessDiscount, int maxStaleness,
        Func<IReadOnlyList<KnowledgeBlock>, IReadOnlyList<KnowledgeBlock>>? aggregate = null)
    {
        if (!(stalenessDiscount >= 0 && stalenessDiscount <= 1))
            throw new ArgumentOutOfRangeException(nameof(stalenessDiscount), stalenessDiscount, "the staleness discount must be within [0, 1]");
        if (maxStaleness < 0)
            throw new ArgumentOutOfRangeException(nameof(maxStaleness), maxStaleness, "max staleness must be >= 0 rounds");
        _reports = new RoundAggregator<KnowledgeBlock>(agents, quorum);
        _discount = stalenessDiscount;
        _maxStaleness = maxStaleness;
        _aggregate = aggregate ?? KnowledgeAverage.ByRegion;
    }

    public int LateReports => _reports.LateReports;

    public int DuplicateReports => _reports.DuplicateReports;

    /// <param name="dimension">Values per anchor (0: the whole vector is one anchor's).</param>
    public ReportOutcome Add(int round, int agent, int region, long samples, ImmutableArray<float> values, int dimension = 0) =>
        _reports.Add(round, agent, samples, new KnowledgeBlock(region, samples, values, dimension));

    public EdgeRound Close(int round)
    {
        // Agents that miss the round but whose last knowledge still counts: a report from before the round, not yet too old.
        var held = _discount > 0 && _maxStaleness > 0
            ? _last.Where(kv => round - kv.Value.Round >= 1 && round - kv.Value.Round <= _maxStaleness && !_reports.HasReport(round, kv.Key)).ToList()
            : [];
        var close = _reports.Close(round, held.Count);
        // The last knowledge of each agent is kept only where stale knowledge may count.
        if (_discount > 0 && _maxStaleness > 0)
        {
            foreach (var r in close.Reports)
                _last[r.Member] = (round, r.Payload);
        }
        if (!close.QuorumMet)
            return new EdgeRound(round, close.Reporters, 0, false, close.Weight, []);
        var parts = close.Reports.Select(r => r.Payload).ToList();
        foreach (var (_, last) in held)
            parts.Add(last.Knowledge with { Weight = last.Knowledge.Weight * Math.Pow(_discount, round - last.Round) });
        return new EdgeRound(round, close.Reporters, held.Count, true, close.Weight, _aggregate(parts));
    }
}
