using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>A count (of messages or of bytes) split by what happened: sent, delivered, dropped.</summary>
public sealed class MessageTally
{
    public long Sent { get; private set; }
    public long Delivered { get; private set; }
    public long Dropped { get; private set; }

    public void Add(TraceKind kind, long amount)
    {
        switch (kind)
        {
            case TraceKind.Send: Sent += amount; break;
            case TraceKind.Deliver: Delivered += amount; break;
            case TraceKind.Drop: Dropped += amount; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a message outcome");
        }
    }
}
