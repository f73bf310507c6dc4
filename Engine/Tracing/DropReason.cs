namespace MaLAM4Com.Engine.Tracing;

/// <summary>Why a message never arrived: the <c>reason</c> of a drop record.</summary>
public enum DropReason : byte
{
    /// <summary>Sent over a link inside one of its scheduled outages.</summary>
    LinkDown,
    /// <summary>Sent between two groups of a network partition.</summary>
    Partition,
    /// <summary>Its destination was crashed when it fell due.</summary>
    Crashed,
    /// <summary>Lost at random, independently of other messages.</summary>
    LossIid,
    /// <summary>Lost at random in a burst (Gilbert-Elliott).</summary>
    LossBurst,
    /// <summary>The cluster member that would have handled it was lost.</summary>
    MemberLost,
}

public static class DropReasons
{
    /// <summary>The reason as written in traces.</summary>
    public static string Name(this DropReason reason) => reason switch
    {
        DropReason.LinkDown => "link-down",
        DropReason.Partition => "partition",
        DropReason.Crashed => "crashed",
        DropReason.LossIid => "loss-iid",
        DropReason.LossBurst => "loss-burst",
        DropReason.MemberLost => "member-lost",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
