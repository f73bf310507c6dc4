namespace MaLAM4Com.Engine.Entities;

/// <summary>What kind of event an entity handles.</summary>
public enum EventKind : byte
{
    Message,
    Timer,
    Signal,
}

/// <summary>
/// One pending event for an entity: a delivered message, a timer, or a kernel signal (start,
/// restart). Ordered by (time, sender, counter), a key that does not depend on thread timing.
/// </summary>
public readonly record struct SimEvent(
    long TimeUs,
    int Sender,
    uint Counter,
    int Target,
    long MessageId,
    long ParentId,
    int Round,
    EventKind Kind,
    object Payload)
{
    public EventKey Key => new(TimeUs, Sender, Counter);
}

/// <summary>The deterministic order of events: time, then sender index, then the sender's own counter.</summary>
public readonly record struct EventKey(long TimeUs, int Sender, uint Counter) : IComparable<EventKey>
{
    public int CompareTo(EventKey other)
    {
        int c = TimeUs.CompareTo(other.TimeUs);
        if (c != 0) return c;
        c = Sender.CompareTo(other.Sender);
        return c != 0 ? c : Counter.CompareTo(other.Counter);
    }

    public static bool operator <(EventKey a, EventKey b) => a.CompareTo(b) < 0;

    public static bool operator >(EventKey a, EventKey b) => a.CompareTo(b) > 0;

    public static bool operator <=(EventKey a, EventKey b) => a.CompareTo(b) <= 0;

    public static bool operator >=(EventKey a, EventKey b) => a.CompareTo(b) >= 0;
}

/// <summary>Orders events by their <see cref="EventKey"/>.</summary>
public sealed class EventOrder : IComparer<SimEvent>
{
    public static readonly EventOrder Instance = new();

    public int Compare(SimEvent x, SimEvent y) => x.Key.CompareTo(y.Key);
}
