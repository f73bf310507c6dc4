namespace MaLAM4Com.Actors.Protocol;

/// <summary>What became of one report handed to a <see cref="RoundAggregator"/>.</summary>
public enum ReportOutcome
{
    Accepted,
    Duplicate,
    Late,
}

/// <summary>The close of a round: who reported, their total weight, and whether the quorum was met.</summary>
public readonly record struct RoundClose(int Round, int Reporters, long Weight, bool QuorumMet);

/// <summary>
/// Collects the reports of the open round: one per member (duplicates ignored), reports for
/// closed rounds counted as late, reports for later rounds kept until their round closes.
/// Closing a round says whether enough members reported (quorum x expected members).
/// </summary>
public sealed class RoundAggregator
{
    private readonly int _expected;
    private readonly double _quorum;
    private readonly SortedDictionary<int, Dictionary<int, long>> _open = new();
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

    public ReportOutcome Add(int round, int member, long weight)
    {
        if (round <= _closedThrough)
        {
            LateReports++;
            return ReportOutcome.Late;
        }
        if (!_open.TryGetValue(round, out var reports))
            _open[round] = reports = new Dictionary<int, long>();
        if (!reports.TryAdd(member, weight))
        {
            DuplicateReports++;
            return ReportOutcome.Duplicate;
        }
        return ReportOutcome.Accepted;
    }

    /// <summary>Closes <paramref name="round"/> (and any earlier round still open).</summary>
    public RoundClose Close(int round)
    {
        foreach (var earlier in _open.Keys.Where(r => r < round).ToList())
            _open.Remove(earlier);
        _open.Remove(round, out var reports);
        _closedThrough = Math.Max(_closedThrough, round);
        int reporters = reports?.Count ?? 0;
        long weight = reports?.Values.Sum() ?? 0;
        bool met = reporters > 0 && reporters >= Math.Ceiling(_quorum * _expected - 1e-9);
        return new RoundClose(round, reporters, weight, met);
    }
}
