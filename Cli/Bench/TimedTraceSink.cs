using System.Diagnostics;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Bench;

/// <summary>
/// A trace sink that passes records on and adds up the wall time the inner writer takes (writes and completion),
/// and how much of it the process spent paused for garbage collection: a collection stops every thread, so a
/// writer's wall time also holds pauses that the simulation's allocations caused. Pauses are read inside the timed
/// span, so a collection that falls between two writes (another thread's, in a busy process) counts in neither.
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
        _time.Start();
        var paused = GC.GetTotalPauseDuration();
        inner.Write(record);
        _gcPauses += GC.GetTotalPauseDuration() - paused;
        _time.Stop();
    }

    public void Complete()
    {
        _time.Start();
        var paused = GC.GetTotalPauseDuration();
        inner.Complete();
        _gcPauses += GC.GetTotalPauseDuration() - paused;
        _time.Stop();
    }

    public void Dispose() => inner.Dispose();
}
