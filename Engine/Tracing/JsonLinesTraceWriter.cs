using System.Text.Json;

namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// Streams records as JSON Lines with bounded memory (one reused buffer). Keys, in this order:
/// <c>t</c> (simulated µs), <c>ev</c> (send|deliver|drop|metric|fault), then for messages <c>id</c>,
/// <c>parent</c> (null if none), <c>from</c>, <c>to</c>, <c>type</c>, <c>bytes</c>, <c>round</c> (if any),
/// <c>reason</c> (drops); for metrics <c>entity</c>, <c>round</c>, <c>name</c>, <c>value</c>; for faults
/// <c>entity</c> (null for the whole network), <c>name</c>, <c>detail</c>.
/// The file is written as PATH.partial and renamed to PATH by <see cref="Complete"/>, so a failed run
/// leaves no half-written trace behind (unless <c>keepPartial</c>: a cluster partition stopped with its
/// member keeps what it wrote, for the merged trace).
/// </summary>
public sealed class JsonLinesTraceWriter : ITraceSink
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly string _path;
    private readonly string _partialPath;
    private readonly IReadOnlyList<string> _names;
    private readonly FileStream _stream;
    private readonly Utf8JsonWriter _json;
    private readonly bool _keepPartial;
    // Lines formatted by TraceLineFormatter gather here and reach the file in large writes.
    private readonly byte[] _buffer = new byte[1 << 20];
    private int _used;
    private bool _completed;

    public JsonLinesTraceWriter(string path, IReadOnlyList<string> entityNames, bool keepPartial = false)
    {
        _keepPartial = keepPartial;
        _path = Path.GetFullPath(path);
        _partialPath = _path + ".partial";
        _names = entityNames;
        _stream = OpenForWriting(_partialPath);
        _json = new Utf8JsonWriter(_stream, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>Opens a file for writing, naming the path in the error when it cannot be written.</summary>
    public static FileStream OpenForWriting(string path)
    {
        try
        {
            var dir = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir))
                Directory.CreateDirectory(dir);
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write trace file '{path}': {e.Message}", e);
        }
    }

    public void Write(in TraceRecord record)
    {
        if (_buffer.Length - _used < TraceLineFormatter.MaxLength)
            FlushBuffer();
        if (TraceLineFormatter.TryFormat(record, _names, _buffer.AsSpan(_used), out int written))
        {
            _used += written;
            return;
        }
        FlushBuffer();
        switch (record.Kind)
        {
            case TraceKind.Metric:
                TraceJson.WriteMetric(_json, record.TimeUs, _names[record.From], record.Round, record.Name, record.Value);
                break;
            case TraceKind.Fault:
                TraceJson.WriteFault(_json, record.TimeUs, record.From >= 0 ? _names[record.From] : null, record.Name, record.Reason);
                break;
            default:
                TraceJson.WriteMessage(_json, record.TimeUs, record.Kind, record.MessageId, record.ParentId == TraceRecord.NoParent ? null : record.ParentId,
                    _names[record.From], _names[record.To], record.Type, record.Bytes, record.Round == TraceRecord.NoRound ? null : record.Round, record.Reason);
                break;
        }
        _json.Flush();
        _json.Reset();
        _stream.Write(NewLine);
    }

    private void FlushBuffer()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    /// <summary>Writes the buffered lines to the file (the operating system keeps them if the process is killed).</summary>
    public void Flush()
    {
        FlushBuffer();
        _stream.Flush();
    }

    public void Complete()
    {
        FlushBuffer();
        // Disposing flushes; done before the stream closes, so Dispose() after Complete() has nothing left to flush.
        _json.Dispose();
        _stream.Flush();
        _stream.Dispose();
        File.Move(_partialPath, _path, overwrite: true);
        _completed = true;
    }

    public void Dispose()
    {
        if (!_completed && _keepPartial)
            FlushBuffer();
        _json.Dispose();
        _stream.Dispose();
        if (!_completed && !_keepPartial && File.Exists(_partialPath))
            File.Delete(_partialPath);
    }
}
