using Akka.Actor;
using MaLAM4Com.Actors.Kernel;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>The protocol between the clock and the channel-environment partitions.</summary>
public static class KernelMessages
{
    /// <summary>Partitions learn their peers, the clock and their entities before the first window.</summary>
    public sealed record Wire(IActorRef Clock, IReadOnlyList<IActorRef> Partitions, IReadOnlyList<IActorRef> Entities);

    /// <summary>Release every event of [<paramref name="StartUs"/>, <paramref name="EndUs"/>), window number <paramref name="Window"/> (from 0).</summary>
    public sealed record Advance(long Window, long StartUs, long EndUs);

    /// <summary>Events one partition's entities sent to another partition's entities during a window.</summary>
    public sealed record Exchange(long Window, List<SimEvent> Events);

    /// <summary>A partition finished a window: its sorted trace records, its earliest pending event and its counts so far.</summary>
    public sealed record Ready(int Partition, long Window, long NextEventUs, List<TraceRecord> Records, long Sent, long Delivered, long Dropped);

    /// <summary>A partition hit an error it cannot recover from; the run stops with it.</summary>
    public sealed record Failed(string Reason);

    /// <summary>The clock asks each partition for its counters at the end.</summary>
    public sealed record Finish;

    public sealed record Finished(int Partition, KernelCounters Counters, int Pending);
}
