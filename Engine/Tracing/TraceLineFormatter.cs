using System.Buffers;
using System.Globalization;
using System.Text;

namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// Formats the common trace records straight into UTF-8, byte for byte what <see cref="TraceJson"/> writes
/// through a <see cref="System.Text.Json.Utf8JsonWriter"/>, at several times its speed: at 10^6 agents a
/// round is about ten million records, and the writer was most of a round's wall time. It handles only
/// what needs no JSON escaping (strings of <see cref="IsPlain"/> characters) and finite values; for
/// anything else it declines and the caller writes the record the general way.
/// </summary>
public static class TraceLineFormatter
{
    /// <summary>Room that every record this formatter accepts fits in.</summary>
    public const int MaxLength = 1024;

    private const int MaxString = 160;

    /// <summary>The record as one JSON line (with its newline) into <paramref name="destination"/>; false (nothing written that counts) if it cannot.</summary>
    public static bool TryFormat(in TraceRecord r, IReadOnlyList<string> names, Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < MaxLength)
            return false;
        var w = new Cursor(destination);
        w.Raw("{\"t\":"u8);
        w.Number(r.TimeUs);
        w.Raw(",\"ev\":"u8);
        w.String(r.Kind.Name());
        switch (r.Kind)
        {
            case TraceKind.Metric:
                if (!double.IsFinite(r.Value))
                    return false;
                w.Raw(",\"entity\":"u8);
                if (!w.String(names[r.From]))
                    return false;
                w.Raw(",\"round\":"u8);
                w.Number(r.Round);
                w.Raw(",\"name\":"u8);
                if (!w.String(r.Name))
                    return false;
                w.Raw(",\"value\":"u8);
                w.Number(r.Value);
                break;
            case TraceKind.Send or TraceKind.Deliver or TraceKind.Drop:
                w.Raw(",\"id\":"u8);
                w.Number(r.MessageId);
                w.Raw(",\"parent\":"u8);
                if (r.ParentId == TraceRecord.NoParent)
                    w.Raw("null"u8);
                else
                    w.Number(r.ParentId);
                w.Raw(",\"from\":"u8);
                if (!w.String(names[r.From]))
                    return false;
                w.Raw(",\"to\":"u8);
                if (!w.String(names[r.To]))
                    return false;
                w.Raw(",\"type\":"u8);
                if (!w.String(r.Type))
                    return false;
                w.Raw(",\"bytes\":"u8);
                w.Number(r.Bytes);
                if (r.Round != TraceRecord.NoRound)
                {
                    w.Raw(",\"round\":"u8);
                    w.Number(r.Round);
                }
                if (r.Reason is not null)
                {
                    w.Raw(",\"reason\":"u8);
                    if (!w.String(r.Reason))
                        return false;
                }
                break;
            default:
                return false;
        }
        w.Raw("}\n"u8);
        written = w.Position;
        return true;
    }

    /// <summary>
    /// Characters that JSON's default encoder writes as they are: ASCII letters, digits and a few
    /// punctuation marks (not quotes, backslashes or the HTML-sensitive ones it escapes).
    /// </summary>
    public static bool IsPlain(char c) => Plain.Contains(c);

    private static readonly SearchValues<char> Plain = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.:/,()=@");

    private ref struct Cursor(Span<byte> span)
    {
        private readonly Span<byte> _span = span;

        public int Position { get; private set; }

        public void Raw(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_span[Position..]);
            Position += bytes.Length;
        }

        public void Number(long value)
        {
            value.TryFormat(_span[Position..], out int n, default, CultureInfo.InvariantCulture);
            Position += n;
        }

        public void Number(double value)
        {
            value.TryFormat(_span[Position..], out int n, default, CultureInfo.InvariantCulture);
            Position += n;
        }

        public bool String(string? s)
        {
            if (s is null || s.Length > MaxString)
                return false;
            if (s.AsSpan().ContainsAnyExcept(Plain))
                return false;
            var span = _span[Position..];
            span[0] = (byte)'"';
            Ascii.FromUtf16(s, span[1..], out _);
            span[s.Length + 1] = (byte)'"';
            Position += s.Length + 2;
            return true;
        }
    }
}
