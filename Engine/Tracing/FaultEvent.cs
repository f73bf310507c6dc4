namespace MaLAM4Com.Engine.Tracing;

/// <summary>What a fault record tells: the <c>name</c> of a fault line in the trace.</summary>
public enum FaultEvent : byte
{
    LinkDown,
    LinkUp,
    PartitionStart,
    PartitionEnd,
    Crash,
    Restart,
    MemberLost,
}

public static class FaultEvents
{
    /// <summary>The event as written in traces.</summary>
    public static string Name(this FaultEvent e) => e switch
    {
        FaultEvent.LinkDown => "link-down",
        FaultEvent.LinkUp => "link-up",
        FaultEvent.PartitionStart => "partition-start",
        FaultEvent.PartitionEnd => "partition-end",
        FaultEvent.Crash => "crash",
        FaultEvent.Restart => "restart",
        FaultEvent.MemberLost => "member-lost",
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, null),
    };
}
