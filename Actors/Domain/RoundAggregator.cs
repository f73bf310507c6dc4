namespace MaLAM4Com.Actors.Domain;

/// <summary>What became of one report handed to a <see cref="RoundAggregator{T}"/>.</summary>
public enum ReportOutcome
{
    Accepted,
    Duplicate,
    Late,
}

/// <summary>One accepted report: who sent it, its weight (sample count) and its payload.</summary>
public readonly record struct Report<T>(int Member, long Weight, T Payload);

/// <summary>The close of a round: the reports that made it, their total weight, and whether the quorum was met.</summary>
public sealed record RoundClose<T>(int Round, IReadOnlyList<Report<T>> Reports, bool QuorumMet)
{
    public int Reporters => Reports.Count;

    public long Weight => Reports.Sum(r => r.Weight);
}

/// <summary>
/// Collects the reports of the open round: one per member (duplicates ignored), reports for
/// closed rounds counted as late, reports for later rounds kept until their round closes.
/// Closing a round says whether the quorum is met: at least one member reported, and those who did, with the members whose
/// earlier knowledge the caller still counts, make quorum x expected members. Reports
/// come out of a close in member order, so what is computed from them does not depend on arrival order.
/// </summary>
public sealed class RoundAggregator<T>
{
    private readonly int _expected;
    private readonly double _quorum;
    private readonly SortedDictionary<int, SortedDictionary<int, Report<T>>> _open = new();
    private int _closedThrough = -1;

    public RoundAggregator(int expectedMembers, double quorum)
    {
        if (expectedMembers < 1)
            throw new ArgumentOutOfRangeException(nameof(expectedMembers), expectedMembers, "at least one member is expected");
        if (!(quorum >= 0 && quorum <= 1))
            throw new ArgumentOutOfRangeException(nameof(quorum), quorum, "quorum must be within [0, 1]");
        _expected = expectedMembers;
        _quorum = quorum;
    }

    public int LateReports { get; private set; }

    public int DuplicateReports { get; private set; }

    public ReportOutcome Add(int round, int member, long weight, T payload)
    {
        if (round <= _closedThrough)
        {
            LateReports++;
            return ReportOutcome.Late;
        }
        if (!_open.TryGetValue(round, out var reports))
            _open[round] = reports = new SortedDictionary<int, Report<T>>();
        if (!reports.TryAdd(member, new Report<T>(member, weight, payload)))
        {
            DuplicateReports++;
            return ReportOutcome.Duplicate;
        }
        return ReportOutcome.Accepted;
    }

    /// <summary>Whether <paramref name="member"/>'s report for the open round <paramref name="round"/> has been accepted.</summary>
    public bool HasReport(int round, int member) => _open.TryGetValue(round, out var reports) && reports.ContainsKey(member);

    /// <summary>Closes <paramref name="round"/> (and any earlier round still open).</summary>
    /// <param name="held">Members that did not report this round but whose earlier knowledge the caller still counts.</param>
    public RoundClose<T> Close(int round, int held = 0)
    {
        foreach (var earlier in _open.Keys.Where(r => r < round).ToList())
            _open.Remove(earlier);
        _open.Remove(round, out var reports);
        _closedThrough = Math.Max(_closedThrough, round);
        var list = reports?.Values.ToList() ?? [];
        bool met = list.Count > 0 && list.Count + held >= Math.Ceiling(_quorum * _expected - 1e-9);
        return new RoundClose<T>(round, list, met);
    }
}
