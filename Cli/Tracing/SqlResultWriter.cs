using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// Prints the rows of a query result: CSV and JSON Lines as they come (any size), a table once every row is
/// known (its columns are as wide as their widest value; numbers are right-aligned). Values are written in the
/// invariant culture, doubles in their shortest round-trip form; NULL is empty in CSV, <c>null</c> in JSON and
/// <c>NULL</c> in the table.
/// </summary>
public static class SqlResultWriter
{
    /// <summary>Writes every row of <paramref name="reader"/>; returns how many.</summary>
    public static long Write(DbDataReader reader, SqlResultFormat format, TextWriter output) => format switch
    {
        SqlResultFormat.Csv => Csv(reader, output),
        SqlResultFormat.Json => Json(reader, output),
        _ => Table(reader, output),
    };

    private static string[] Names(DbDataReader reader) => [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];

    private static long Csv(DbDataReader reader, TextWriter output)
    {
        static string Quote(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        output.WriteLine(string.Join(',', Names(reader).Select(Quote)));
        long rows = 0;
        while (reader.Read())
        {
            output.WriteLine(string.Join(',', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Quote(Text(reader.GetValue(i))))));
            rows++;
        }
        return rows;
    }

    private static long Json(DbDataReader reader, TextWriter output)
    {
        var names = Names(reader);
        using var buffer = new MemoryStream();
        using var json = new Utf8JsonWriter(buffer);
        long rows = 0;
        while (reader.Read())
        {
            buffer.SetLength(0);
            json.Reset();
            json.WriteStartObject();
            for (int i = 0; i < names.Length; i++)
            {
                json.WritePropertyName(names[i]);
                WriteJsonValue(json, reader.IsDBNull(i) ? null : reader.GetValue(i));
            }
            json.WriteEndObject();
            json.Flush();
            output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            rows++;
        }
        return rows;
    }

    private static void WriteJsonValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case float f when float.IsFinite(f):
                json.WriteNumberValue(f);
                break;
            case decimal m:
                json.WriteNumberValue(m);
                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong or BigInteger:
                json.WriteRawValue(Text(value));
                break;
            default:
                json.WriteStringValue(Text(value));
                break;
        }
    }

    private static long Table(DbDataReader reader, TextWriter output)
    {
        var names = Names(reader);
        var rows = new List<string[]>();
        var numeric = new bool[names.Length];
        while (reader.Read())
        {
            var row = new string[names.Length];
            for (int i = 0; i < row.Length; i++)
            {
                var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                row[i] = value is null ? "NULL" : Text(value);
                numeric[i] |= IsNumber(value);
            }
            rows.Add(row);
        }
        var widths = names.Select((n, i) => rows.Select(r => r[i].Length).Prepend(n.Length).Max()).ToArray();
        string Line(IReadOnlyList<string> cells) =>
            string.Join("  ", cells.Select((c, i) => numeric[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(names));
        output.WriteLine(Line([.. widths.Select(w => new string('-', w))]));
        foreach (var row in rows)
            output.WriteLine(Line(row));
        output.WriteLine(rows.Count == 1 ? "(1 row)" : $"({rows.Count} rows)");
        return rows.Count;
    }

    private static bool IsNumber(object? value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or BigInteger or float or double or decimal;

    private static string Text(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s => s,
        System.Collections.IEnumerable list => $"[{string.Join(", ", list.Cast<object?>().Select(v => v is null ? "NULL" : Text(v)))}]",
        _ => value.ToString() ?? "",
    };
}
