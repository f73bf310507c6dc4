namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// The timing of the round protocol: round r starts at r x period, edges close it at
/// start + edge deadline, the cloud at start + cloud deadline.
/// </summary>
public sealed record RoundSchedule(int Rounds, long PeriodUs, long EdgeDeadlineUs, long CloudDeadlineUs, double Quorum)
{
    public long StartUs(int round) => round * PeriodUs;

    public long EdgeCloseUs(int round) => StartUs(round) + EdgeDeadlineUs;

    public long CloudCloseUs(int round) => StartUs(round) + CloudDeadlineUs;

    /// <summary>The first round that starts at or after <paramref name="timeUs"/> (Rounds if none is left).</summary>
    public int FirstRoundFrom(long timeUs) => (int)Math.Min(Rounds, (timeUs + PeriodUs - 1) / PeriodUs);
}
