using System.Text.Json;

namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// The one definition of a JSON Lines trace record's keys, order and null conventions, shared by
/// the kernel's writer and by the tools that write records they read back.
/// </summary>
public static class TraceJson
{
    public static void WriteMessage(Utf8JsonWriter json, long timeUs, TraceKind kind, long id, long? parent, string? from, string? to, string? type, long bytes, int? round, string? reason)
    {
        Begin(json, timeUs, kind);
        json.WriteNumber("id", id);
        if (parent is { } p)
            json.WriteNumber("parent", p);
        else
            json.WriteNull("parent");
        json.WriteString("from", from);
        json.WriteString("to", to);
        json.WriteString("type", type);
        json.WriteNumber("bytes", bytes);
        if (round is { } r)
            json.WriteNumber("round", r);
        if (reason is not null)
            json.WriteString("reason", reason);
        json.WriteEndObject();
    }

    public static void WriteMetric(Utf8JsonWriter json, long timeUs, string? entity, int round, string? name, double value)
    {
        Begin(json, timeUs, TraceKind.Metric);
        json.WriteString("entity", entity);
        json.WriteNumber("round", round);
        json.WriteString("name", name);
        json.WriteNumber("value", value);
        json.WriteEndObject();
    }

    /// <summary>A fault; a null entity means the whole network.</summary>
    public static void WriteFault(Utf8JsonWriter json, long timeUs, string? entity, string? name, string? detail)
    {
        Begin(json, timeUs, TraceKind.Fault);
        if (entity is not null)
            json.WriteString("entity", entity);
        else
            json.WriteNull("entity");
        json.WriteString("name", name);
        json.WriteString("detail", detail);
        json.WriteEndObject();
    }

    private static void Begin(Utf8JsonWriter json, long timeUs, TraceKind kind)
    {
        json.WriteStartObject();
        json.WriteNumber("t", timeUs);
        json.WriteString("ev", kind.Name());
    }
}
