using System.Text;
using System.Text.Json;

namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// Writes read-back records as JSON Lines through <see cref="TraceJson"/>, as <see cref="JsonLinesTraceWriter"/>
/// does, so a filtered trace is itself a trace the tools read.
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
        switch (e.Kind)
        {
            case TraceKind.Metric:
                TraceJson.WriteMetric(_json, e.TimeUs, e.Entity, e.Round ?? TraceRecord.NoRound, e.Name, e.Value);
                break;
            case TraceKind.Fault:
                TraceJson.WriteFault(_json, e.TimeUs, e.Entity, e.Name, e.Detail);
                break;
            default:
                TraceJson.WriteMessage(_json, e.TimeUs, e.Kind, e.Id, e.Parent, e.From, e.To, e.Type, e.Bytes, e.Round, e.Reason);
                break;
        }
        _json.Flush();
        _output.WriteLine(Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
    }

    public void Dispose()
    {
        _json.Dispose();
        _buffer.Dispose();
    }
}
