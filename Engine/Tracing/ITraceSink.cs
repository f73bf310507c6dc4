namespace MaLAM4Com.Engine.Tracing;

/// <summary>Where the kernel sends trace records, in their final deterministic order.</summary>
public interface ITraceSink : IDisposable
{
    void Write(in TraceRecord record);

    /// <summary>Marks the run as finished successfully (writers make their output final here).</summary>
    void Complete();
}
