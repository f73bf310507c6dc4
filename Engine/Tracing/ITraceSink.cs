namespace MaLAM4Com.Engine.Tracing;

/// <summary>Where the kernel sends trace records, in their final deterministic order.</summary>
public interface ITraceSink : IDisposable
{
    void Write(in TraceRecord record);

    /// <summary>Hands what was written so far to the file system (a cluster partition, at each window's end); nothing to do for sinks without a file.</summary>
    void Flush()
    {
    }

    /// <summary>Marks the run as finished successfully (writers make their output final here).</summary>
    void Complete();
}
