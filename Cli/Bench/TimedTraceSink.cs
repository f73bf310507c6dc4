using System.Diagnostics;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Bench;

/// <summary>A trace sink that passes records on and adds up the wall time the inner writer takes (writes and completion).</summary>
public sealed class TimedTraceSink(ITraceSink inner) : ITraceSink
{
    private readonly Stopwatch _time = new();

    public TimeSpan Elapsed => _time.Elapsed;

    public void Write(in TraceRecord record)
    {
        _time.Start();
        inner.Write(record);
        _time.Stop();
    }

    public void Complete()
    {
        _time.Start();
        inner.Complete();
        _time.Stop();
    }

    public void Dispose() => inner.Dispose();
}
