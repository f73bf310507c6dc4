using System.Text.Json;

namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// Streams records as JSON Lines with bounded memory (one reused buffer). Keys, in this order:
/// <c>t</c> (simulated µs), <c>ev</c> (send|deliver|drop|metric|fault), then for messages <c>id</c>,
/// <c>parent</c> (null if none), <c>from</c>, <c>to</c>, <c>type</c>, <c>bytes</c>, <c>round</c> (if any),
/// <c>reason</c> (drops); for metrics <c>entity</c>, <c>round</c>, <c>name</c>, <c>value</c>; for faults
/// <c>entity</c> (null for the whole network), <c>name</c>, <c>detail</c>.
/// The file is written as PATH.partial and renamed to PATH by <see cref="Complete"/>, so a failed run
/// leaves no half-written trace behind.
/// </summary>
public sealed class JsonLinesTraceWriter : ITraceSink
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly string _path;
    private readonly string _partialPath;
    private readonly IReadOnlyList<string> _names;
    private readonly FileStream _stream;
    private readonly Utf8JsonWriter _json;
    private bool _completed;

    public JsonLinesTraceWriter(string path, IReadOnlyList<string> entityNames)
    {
        _path = Path.GetFullPath(path);
        _partialPath = _path + ".partial";
        _names = entityNames;
        _stream = OpenForWriting(_partialPath);
        _json = new Utf8JsonWriter(_stream, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>Opens a file for writing, naming the path in the error when it cannot be written.</summary>
    internal static FileStream OpenForWriting(string path)
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

    public void Write(in TraceRecord r)
    {
        _json.WriteStartObject();
        _json.WriteNumber("t", r.TimeUs);
        _json.WriteString("ev", r.Kind.Name());
        switch (r.Kind)
        {
            case TraceKind.Metric:
                _json.WriteString("entity", _names[r.From]);
                _json.WriteNumber("round", r.Round);
                _json.WriteString("name", r.Name);
                _json.WriteNumber("value", r.Value);
                break;
            case TraceKind.Fault:
                if (r.From >= 0)
                    _json.WriteString("entity", _names[r.From]);
                else
                    _json.WriteNull("entity");
                _json.WriteString("name", r.Name);
                _json.WriteString("detail", r.Reason);
                break;
            default:
                _json.WriteNumber("id", r.MessageId);
                if (r.ParentId == TraceRecord.NoParent)
                    _json.WriteNull("parent");
                else
                    _json.WriteNumber("parent", r.ParentId);
                _json.WriteString("from", _names[r.From]);
                _json.WriteString("to", _names[r.To]);
                _json.WriteString("type", r.Type);
                _json.WriteNumber("bytes", r.Bytes);
                if (r.Round != TraceRecord.NoRound)
                    _json.WriteNumber("round", r.Round);
                if (r.Reason is not null)
                    _json.WriteString("reason", r.Reason);
                break;
        }
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _stream.Write(NewLine);
    }

    public void Complete()
    {
        // Disposing flushes; done before the stream closes, so Dispose() after Complete() has nothing left to flush.
        _json.Dispose();
        _stream.Flush();
        _stream.Dispose();
        File.Move(_partialPath, _path, overwrite: true);
        _completed = true;
    }

    public void Dispose()
    {
        _json.Dispose();
        _stream.Dispose();
        if (!_completed && File.Exists(_partialPath))
            File.Delete(_partialPath);
    }
}
