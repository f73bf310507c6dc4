using System.Diagnostics;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Bench;

/// <summary>
/// A trace sink that passes records on and adds up the wall time the inner writer takes (writes and completion),
/// and how much of it the process spent paused for garbage collection: a collection stops every thread, so a
/// writer's wall time also holds pauses that the simulation's allocations caused.
/// </summary>
public sealed class TimedTraceSink(ITraceSink inner) : ITraceSink
{
    private readonly Stopwatch _time = new();
    private TimeSpan _gcPauses;

    public TimeSpan Elapsed => _time.Elapsed;

    /// <summary>The part of <see cref="Elapsed"/> during which the process was paused for garbage collection.</summary>
    public TimeSpan GcPauses => _gcPauses;

    public void Write(in TraceRecord record)
    {
        var paused = GC.GetTotalPauseDuration();
        _time.Start();
        inner.Write(record);
        _time.Stop();
        _gcPauses += GC.GetTotalPauseDuration() - paused;
    }

    public void Complete()
    {
        var paused = GC.GetTotalPauseDuration();
        _time.Start();
        inner.Complete();
        _time.Stop();
        _gcPauses += GC.GetTotalPauseDuration() - paused;
    }

    public void Dispose() => inner.Dispose();
}
