using System.Globalization;
using System.Text.Json;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// Converts a JSON Lines trace to Chrome Trace Event JSON (opens in Perfetto and chrome://tracing),
/// streaming both files. Tracks: one process per layer (agent, edge, cloud…), one thread per entity,
/// named by metadata events written when an entity first appears. A send is a 1 µs slice on the
/// sender's thread with a flow start; a delivery a 1 µs slice on the receiver's with the flow's end
/// (same name, category and id, which together key a flow), so Perfetto draws an arrow per message.
/// A drop is an instant on the receiver's thread; a metric a counter ("C") in its entity's layer,
/// one series per entity; a fault an instant on its entity (global when it has none).
/// Memory: one table entry per entity.
/// </summary>
public sealed class ChromeTraceExporter
{
    private const int FlushBytes = 1 << 16;
    private const string MessageCategory = "message";

    private readonly Dictionary<string, int> _pidByLayer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Pid, int Tid)> _tracks = new(StringComparer.Ordinal);
    private readonly Utf8JsonWriter _json;

    private ChromeTraceExporter(Utf8JsonWriter json) => _json = json;

    /// <summary>Number of trace events written.</summary>
    public long Events { get; private set; }

    /// <summary>Converts the trace at <paramref name="inputPath"/>; returns the number of events written.</summary>
    public static long Export(string inputPath, string outputPath, Action<long, long>? onProgress = null)
    {
        return PartialFile.Write(outputPath, output => Export(TraceFile.Read(inputPath, onProgress), output));
    }

    public static long Export(IEnumerable<TraceEntry> entries, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        var exporter = new ChromeTraceExporter(json);
        exporter.Run(entries);
        output.Flush();
        return exporter.Events;
    }

    private void Run(IEnumerable<TraceEntry> entries)
    {
        _json.WriteStartObject();
        _json.WriteString("displayTimeUnit", "ms");
        _json.WriteStartArray("traceEvents");
        foreach (var e in entries)
        {
            Write(e);
            if (_json.BytesPending > FlushBytes)
                _json.Flush();
        }
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
    }

    private void Write(TraceEntry e)
    {
        switch (e.Kind)
        {
            case TraceKind.Send:
                Slice(e, e.From!, "s");
                break;
            case TraceKind.Deliver:
                Slice(e, e.To!, "f");
                break;
            case TraceKind.Drop:
                Begin("i", $"drop {e.Type}", e.TimeUs, Track(e.To!));
                _json.WriteString("s", "t");
                MessageArgs(e);
                End();
                break;
            case TraceKind.Metric:
                var (pid, _) = Track(e.Entity ?? "network");
                _json.WriteStartObject();
                Header("C", e.Name!, e.TimeUs, pid);
                _json.WriteStartObject("args");
                _json.WriteNumber(e.Entity ?? "network", e.Value);
                _json.WriteEndObject();
                End();
                break;
            case TraceKind.Fault:
                if (e.Entity is null)
                {
                    _json.WriteStartObject();
                    Header("i", e.Name!, e.TimeUs, 0);
                    _json.WriteNumber("tid", 0);
                    _json.WriteString("s", "g");
                }
                else
                {
                    Begin("i", e.Name!, e.TimeUs, Track(e.Entity));
                    _json.WriteString("s", "t");
                }
                _json.WriteStartObject("args");
                _json.WriteString("detail", e.Detail);
                _json.WriteEndObject();
                End();
                break;
        }
    }

    /// <summary>A 1 µs slice on the entity's thread, with a flow event bound to it.</summary>
    private void Slice(TraceEntry e, string entity, string flowPhase)
    {
        var track = Track(entity);
        Begin("X", e.Type!, e.TimeUs, track);
        _json.WriteNumber("dur", 1);
        MessageArgs(e);
        End();
        Begin(flowPhase, e.Type!, e.TimeUs, track);
        _json.WriteString("cat", MessageCategory);
        // A hex string: Perfetto reads string flow ids as hex, and 64-bit ids lose digits as JSON numbers in JavaScript.
        _json.WriteString("id", e.Id.ToString("x", CultureInfo.InvariantCulture));
        if (flowPhase == "f")
            _json.WriteString("bp", "e");
        End();
    }

    private void MessageArgs(TraceEntry e)
    {
        _json.WriteStartObject("args");
        _json.WriteNumber("id", e.Id);
        if (e.Parent is { } parent)
            _json.WriteNumber("parent", parent);
        _json.WriteString("from", e.From);
        _json.WriteString("to", e.To);
        _json.WriteNumber("bytes", e.Bytes);
        if (e.Round is { } round)
            _json.WriteNumber("round", round);
        if (e.Reason is not null)
            _json.WriteString("reason", e.Reason);
        _json.WriteEndObject();
    }

    /// <summary>The entity's (pid, tid), naming the process and thread on first sight.</summary>
    private (int Pid, int Tid) Track(string entity)
    {
        if (_tracks.TryGetValue(entity, out var track))
            return track;
        var layer = EntityName.Layer(entity).ToString();
        if (!_pidByLayer.TryGetValue(layer, out int pid))
        {
            pid = _pidByLayer.Count + 1;
            _pidByLayer.Add(layer, pid);
            Metadata("process_name", pid, 0, layer);
        }
        track = (pid, _tracks.Count + 1);
        _tracks.Add(entity, track);
        Metadata("thread_name", pid, track.Tid, entity);
        return track;
    }

    private void Metadata(string name, int pid, int tid, string label)
    {
        _json.WriteStartObject();
        Header("M", name, 0, pid);
        _json.WriteNumber("tid", tid);
        _json.WriteStartObject("args");
        _json.WriteString("name", label);
        _json.WriteEndObject();
        End();
    }

    private void Begin(string phase, string name, long timeUs, (int Pid, int Tid) track)
    {
        _json.WriteStartObject();
        Header(phase, name, timeUs, track.Pid);
        _json.WriteNumber("tid", track.Tid);
    }

    private void Header(string phase, string name, long timeUs, int pid)
    {
        _json.WriteString("ph", phase);
        _json.WriteString("name", name);
        _json.WriteNumber("ts", timeUs);
        _json.WriteNumber("pid", pid);
    }

    private void End()
    {
        _json.WriteEndObject();
        Events++;
    }
}
