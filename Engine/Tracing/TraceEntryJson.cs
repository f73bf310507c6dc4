using System.Text;
using System.Text.Json;

namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// Writes read-back records as JSON Lines with the keys, order and null conventions of
/// <see cref="JsonLinesTraceWriter"/>, so a filtered trace is itself a trace the tools read.
/// </summary>
public sealed class TraceEntryJson : IDisposable
{
    private readonly TextWriter _output;
    private readonly MemoryStream _buffer = new();
    private readonly Utf8JsonWriter _json;

    public TraceEntryJson(TextWriter output)
    {
        _output = output;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    public void Write(TraceEntry e)
    {
        _buffer.SetLength(0);
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteNumber("t", e.TimeUs);
        _json.WriteString("ev", e.Kind.Name());
        switch (e.Kind)
        {
            case TraceKind.Metric:
                _json.WriteString("entity", e.Entity);
                _json.WriteNumber("round", e.Round ?? TraceRecord.NoRound);
                _json.WriteString("name", e.Name);
                _json.WriteNumber("value", e.Value);
                break;
            case TraceKind.Fault:
                _json.WriteString("entity", e.Entity);
                _json.WriteString("name", e.Name);
                _json.WriteString("detail", e.Detail);
                break;
            default:
                _json.WriteNumber("id", e.Id);
                if (e.Parent is { } parent)
                    _json.WriteNumber("parent", parent);
                else
                    _json.WriteNull("parent");
                _json.WriteString("from", e.From);
                _json.WriteString("to", e.To);
                _json.WriteString("type", e.Type);
                _json.WriteNumber("bytes", e.Bytes);
                if (e.Round is { } round)
                    _json.WriteNumber("round", round);
                if (e.Reason is not null)
                    _json.WriteString("reason", e.Reason);
                break;
        }
        _json.WriteEndObject();
        _json.Flush();
        _output.WriteLine(Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
    }

    public void Dispose()
    {
        _json.Dispose();
        _buffer.Dispose();
    }
}
