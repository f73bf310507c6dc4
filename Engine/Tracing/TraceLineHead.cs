using System.Text.Json;

namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// What merging a cluster run's trace files and settling a lost partition's file read of a line: its time,
/// kind and message id, the receiver (when asked for) and the entity of a metric or fault; the other fields are skipped,
/// and the line is copied as it is. Reading stops once those are known, so a line is not checked beyond them.
/// </summary>
internal readonly record struct TraceLineHead(long TimeUs, TraceKind Kind, long Id, string? To, string? Entity)
{
    /// <param name="line">One line of <paramref name="path"/>, number <paramref name="number"/> (1-based), as UTF-8.</param>
    /// <param name="withReceiver">Also read "to" (a string per message line).</param>
    public static TraceLineHead Read(ReadOnlySpan<byte> line, string path, long number, bool withReceiver = false)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new FormatException("expected a JSON object");
            long? t = null;
            TraceKind? kind = null;
            long? id = null;
            string? to = null, entity = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.ValueSpan;
                reader.Read();
                if (key.SequenceEqual("t"u8))
                    t = reader.GetInt64();
                else if (key.SequenceEqual("ev"u8))
                    kind = TraceLineParser.ReadKind(ref reader);
                else if (key.SequenceEqual("id"u8))
                    id = reader.GetInt64();
                else if (withReceiver && key.SequenceEqual("to"u8))
                    to = reader.GetString();
                else if (key.SequenceEqual("entity"u8))
                    entity = reader.GetString();
                else
                    reader.Skip();
                if (Complete(t, kind, id, to, entity, withReceiver))
                    break;
            }
            if (t is null || kind is null)
                throw new FormatException("missing \"t\" or \"ev\"");
            return new TraceLineHead(t.Value, kind.Value, id ?? 0, to, entity);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new TraceFormatException($"{path}, line {number}: not a trace record ({e.Message})");
        }
    }

    // The rest of the line is not read once what was asked for is known (trace lines begin with "t" and "ev").
    private static bool Complete(long? t, TraceKind? kind, long? id, string? to, string? entity, bool withReceiver) =>
        t is not null && kind switch
        {
            TraceKind.Fault => true,
            TraceKind.Metric => entity is not null,
            null => false,
            _ => id is not null && (!withReceiver || to is not null),
        };
}
