namespace MaLAM4Com.Engine.Cluster;

/// <summary>
/// How fast a member is declared lost: the failure detector tolerates heartbeats missing for
/// <paramref name="HeartbeatPause"/>, then the split-brain resolver waits until membership has been
/// stable for <paramref name="StableAfter"/> before it downs the unreachable side. Large runs pause
/// for garbage collection and ship large exchanges, hence the generous defaults.
/// </summary>
public sealed record ClusterTimings(TimeSpan HeartbeatPause, TimeSpan StableAfter, TimeSpan JoinTimeout, TimeSpan HostTimeout)
{
    public static readonly ClusterTimings Default = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5));

    /// <summary>
    /// A run fails when nothing reaches its clock for this long (see <see cref="Kernel.ClockWatchdog"/>).
    /// It must exceed the time a lost member takes to be downed (<see cref="HeartbeatPause"/> +
    /// <see cref="StableAfter"/> and a few seconds), during which the clock hears nothing.
    /// </summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often a member's host tells the driver that a partition is still working on a window: a few
    /// times per <see cref="StallTimeout"/>, so that a late or lost word or two do not fail the run.
    /// </summary>
    public TimeSpan AliveInterval => StallTimeout / 6;

    /// <summary>Throws when <see cref="StallTimeout"/> would fail runs that are only waiting for a lost member to be downed.</summary>
    public void Validate()
    {
        var downing = HeartbeatPause + StableAfter;
        if (StallTimeout <= downing)
            throw new ArgumentException($"the cluster stall timeout ({StallTimeout.TotalSeconds:0.#}s) must exceed the heartbeat pause plus stable-after ({downing.TotalSeconds:0.#}s): a run waits that long for a lost member to be downed");
    }
}
