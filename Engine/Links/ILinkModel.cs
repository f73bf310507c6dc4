namespace MaLAM4Com.Engine.Links;

/// <summary>
/// How long a message takes on the simulated air or backhaul: propagation plus transmission time.
/// Entities are identified by their kernel index. Implementations are pure and deterministic
/// (any randomness, such as shadowing, is drawn from the run seed and the link's endpoints).
/// </summary>
public interface ILinkModel
{
    /// <summary>The smallest delay this model ever returns, in µs; at least 1. The kernel's lookahead.</summary>
    long MinDelayUs { get; }

    /// <summary>Delay from send to delivery, in µs, for a message of <paramref name="bytes"/> bytes; at least <see cref="MinDelayUs"/>.</summary>
    long DelayUs(int from, int to, int bytes);
}
