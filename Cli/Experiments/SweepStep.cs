namespace MaLAM4Com.Cli.Experiments;

/// <summary>Which way a sweep's region mean NMSE moves from one point to the next (a rise is worse).</summary>
public enum StepDirection
{
    Flat,
    Rise,
    Fall,
}

/// <summary>
/// One step of a sweep, from the point at <paramref name="From"/> to the one at <paramref name="To"/> (V, loss rate or
/// dimension): the change of the region mean NMSE in dB and the way it moves, <see cref="StepDirection.Flat"/> where the
/// regions do not resolve it (<see cref="SweepSteps"/>).
/// </summary>
public sealed record SweepStep(double From, double To, double ChangeDb, StepDirection Direction);
