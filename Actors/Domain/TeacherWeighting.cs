namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// How the cloud weighs its teacher against the agents' knowledge, region by region
/// (<c>scenario.learning.teacher-share</c>, <c>elastic-teacher</c>): a fixed share, or, when elastic, the
/// share learned from the last round whose reports allowed an estimate (kept for the rounds in between,
/// the configured share until the first). The cloud's state: it holds one and loses it when it crashes.
/// </summary>
public sealed class TeacherWeighting(double share, bool elastic)
{
    private readonly Dictionary<int, double> _learned = new();

    public bool Elastic => elastic;

    /// <summary>The configured share: the start of every region's, and all of it when not elastic.</summary>
    public double Share => share;

    /// <summary>The teacher's share in <paramref name="region"/> now.</summary>
    public double For(int region) => _learned.GetValueOrDefault(region, share);

    /// <summary>Takes a round's estimate of the share for <paramref name="region"/>.</summary>
    public void Learn(int region, double estimate)
    {
        if (elastic)
            _learned[region] = Math.Clamp(estimate, 0, 1);
    }

    /// <summary>The shares learned so far, by region.</summary>
    public IReadOnlyDictionary<int, double> Learned => _learned;
}
