using System.Text.Json;

namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// Parses one JSON Lines record. Entity, type, metric and reason names repeat on every line, so
/// they are interned in a bounded table: one string per distinct name instead of one per line.
/// </summary>
internal sealed class TraceLineParser(string path)
{
    private const int MaxInternedNames = 1 << 16;
    private const int MaxInternedLength = 128;
    private static readonly TraceKind[] Kinds = Enum.GetValues<TraceKind>();
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <param name="line">1-based line number, or 0 when unknown (then <paramref name="offset"/> locates it).</param>
    public TraceEntry Parse(ReadOnlySpan<byte> json, long line, long offset)
    {
        try
        {
            return ParseObject(json, line);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            var where = line > 0 ? $"line {line}" : $"byte offset {offset}";
            throw new TraceFormatException($"{path}, {where}: not a trace record ({e.Message})");
        }
    }

    private TraceEntry ParseObject(ReadOnlySpan<byte> json, long line)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new FormatException("expected a JSON object");
        long? t = null;
        TraceKind? kind = null;
        long? id = null;
        long? parent = null;
        string? from = null, to = null, type = null, reason = null, entity = null, name = null, detail = null;
        long bytes = 0;
        int? round = null;
        double value = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.ValueSpan;
            reader.Read();
            switch (key)
            {
                case var k when k.SequenceEqual("t"u8): t = reader.GetInt64(); break;
                case var k when k.SequenceEqual("ev"u8): kind = ReadKind(ref reader); break;
                case var k when k.SequenceEqual("id"u8): id = reader.GetInt64(); break;
                case var k when k.SequenceEqual("parent"u8): parent = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt64(); break;
                case var k when k.SequenceEqual("from"u8): from = ReadName(ref reader); break;
                case var k when k.SequenceEqual("to"u8): to = ReadName(ref reader); break;
                case var k when k.SequenceEqual("type"u8): type = ReadName(ref reader); break;
                case var k when k.SequenceEqual("bytes"u8): bytes = reader.GetInt64(); break;
                case var k when k.SequenceEqual("round"u8): round = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32(); break;
                case var k when k.SequenceEqual("reason"u8): reason = ReadName(ref reader); break;
                case var k when k.SequenceEqual("entity"u8): entity = ReadName(ref reader); break;
                case var k when k.SequenceEqual("name"u8): name = ReadName(ref reader); break;
                case var k when k.SequenceEqual("value"u8): value = reader.GetDouble(); break;
                case var k when k.SequenceEqual("detail"u8): detail = reader.TokenType == JsonTokenType.Null ? null : reader.GetString(); break;
                default: reader.Skip(); break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject)
            throw new FormatException("expected a key or the end of the object");
        if (reader.Read())
            throw new FormatException("unexpected content after the object");
        if (t is null || kind is null)
            throw new FormatException("missing \"t\" or \"ev\"");
        var entry = new TraceEntry
        {
            Line = line,
            TimeUs = t.Value,
            Kind = kind.Value,
            Id = id ?? 0,
            Parent = parent,
            From = from,
            To = to,
            Type = type,
            Bytes = bytes,
            Round = round,
            Reason = reason,
            Entity = entity,
            Name = name,
            Value = value,
            Detail = detail,
        };
        if (entry.IsMessage && (id is null || from is null || to is null || type is null))
            throw new FormatException("a message record needs \"id\", \"from\", \"to\" and \"type\"");
        if (!entry.IsMessage && name is null)
            throw new FormatException($"a {kind.Value.Name()} record needs \"name\"");
        return entry;
    }

    /// <summary>The kind named by the "ev" value the reader is on.</summary>
    internal static TraceKind ReadKind(ref Utf8JsonReader reader)
    {
        foreach (var k in Kinds)
        {
            if (reader.ValueTextEquals(k.Name()))
                return k;
        }
        throw new FormatException($"unknown \"ev\" {reader.GetString()}");
    }

    private string? ReadName(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > MaxInternedLength)
            return reader.GetString();
        Span<char> chars = stackalloc char[MaxInternedLength];
        var text = chars[..reader.CopyString(chars)];
        var lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var known))
            return known;
        var s = new string(text);
        if (_names.Count < MaxInternedNames)
            _names.Add(s, s);
        return s;
    }
}
