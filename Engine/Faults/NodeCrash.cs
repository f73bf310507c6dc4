namespace MaLAM4Com.Engine.Faults;

/// <summary>
/// The entity is down during [AtUs, RestartAtUs): messages reaching it are dropped with reason
/// <c>crashed</c> and its timers are lost. At RestartAtUs (if any) it restarts, from the state it
/// last saved when <see cref="RestoreState"/> is set, otherwise from its initial state.
/// </summary>
public sealed record NodeCrash(int Entity, long AtUs, long? RestartAtUs, bool RestoreState)
{
    public bool IsDownAt(long timeUs) => timeUs >= AtUs && (RestartAtUs is null || timeUs < RestartAtUs);
}
