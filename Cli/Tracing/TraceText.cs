using System.Text;
using System.Text.Json;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// The distinct strings of a Parquet trace, each once, numbered in the order they first occur: the text
/// columns of <see cref="TraceColumns"/> hold these numbers (int32), not the strings. A trace repeats up to
/// a million entity names and a few kinds, types and reasons millions of times; coding them here, where the
/// writer already knows them (an entity by its index), spares Parquet.Net hashing every string of a row
/// group into a dictionary. The five record kinds come first, so a kind's number is its
/// <see cref="TraceKind"/> value. The table is the file's key-value metadata <see cref="MetadataKey"/>, a
/// JSON array of strings; numbering in order of occurrence gives the same file for the same records,
/// however they reach the writer.
/// </summary>
public sealed class TraceText
{
    /// <summary>The key of the table in the Parquet file's key-value metadata.</summary>
    public const string MetadataKey = "malam4com.text";

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _strings = [];

    public TraceText()
    {
        foreach (var kind in Enum.GetValues<TraceKind>())
        {
            if (Id(kind.Name()) != (int)kind)
                throw new InvalidOperationException($"trace kind {kind} is not numbered {(int)kind}");
        }
    }

    public int Count => _strings.Count;

    /// <summary>The number of <paramref name="text"/>, given it the next one on its first occurrence.</summary>
    public int Id(string text)
    {
        if (_ids.TryGetValue(text, out int id))
            return id;
        id = _strings.Count;
        _ids.Add(text, id);
        _strings.Add(text);
        return id;
    }

    /// <summary>The number of <paramref name="text"/>, or null for none.</summary>
    public int? IdOrNull(string? text) => text is null ? null : Id(text);

    /// <summary>The table as stored in the file: a JSON array, the string numbered i at index i.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var s in _strings)
                json.WriteStringValue(s);
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The strings of a table stored by <see cref="ToJson"/>; null if <paramref name="json"/> is not an array of strings.</summary>
    public static string[]? Parse(string json)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                return null;
            var strings = new List<string>();
            while (reader.Read() && reader.TokenType == JsonTokenType.String)
                strings.Add(reader.GetString()!);
            return reader.TokenType == JsonTokenType.EndArray && !reader.Read() ? [.. strings] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
