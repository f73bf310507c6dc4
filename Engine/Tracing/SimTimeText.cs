using System.Globalization;

namespace MaLAM4Com.Engine.Tracing;

/// <summary>Simulated times as text: "10s", "250ms", "1500us" (or "µs"); a bare number is µs.</summary>
public static class SimTimeText
{
    public static bool TryParseMicroseconds(string text, out long microseconds)
    {
        var s = text.Trim();
        (string unit, double scale) = s switch
        {
            _ when s.EndsWith("us", StringComparison.Ordinal) => ("us", 1.0),
            _ when s.EndsWith("µs", StringComparison.Ordinal) => ("µs", 1.0),
            _ when s.EndsWith("ms", StringComparison.Ordinal) => ("ms", 1e3),
            _ when s.EndsWith('s') => ("s", 1e6),
            _ => ("", 1.0),
        };
        microseconds = 0;
        if (!double.TryParse(s[..^unit.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value))
            return false;
        microseconds = (long)Math.Round(value * scale);
        return true;
    }

    /// <summary>Seconds with microsecond precision, e.g. "10.000250s".</summary>
    public static string Format(long microseconds) =>
        (microseconds / 1e6).ToString("0.000000", CultureInfo.InvariantCulture) + "s";
}
