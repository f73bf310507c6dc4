using System.Globalization;

namespace MaLAM4Com.Engine.Config;

/// <summary>
/// Durations written as a number and a unit (us, µs, ms, s, min), read as whole microseconds. Where
/// asked, a bare number is taken as microseconds (the trace tools accept raw trace times).
/// </summary>
public static class Durations
{
    private static readonly (string Unit, double Us)[] Units = [("us", 1), ("µs", 1), ("ms", 1e3), ("min", 60e6), ("s", 1e6)];

    public static bool TryParseMicroseconds(string text, out long microseconds, bool bareNumberIsMicroseconds = false)
    {
        microseconds = 0;
        var t = text.Trim();
        if (bareNumberIsMicroseconds && t.Length > 0 && !char.IsLetter(t[^1]))
            t += "us";
        foreach (var (unit, scale) in Units)
        {
            if (!t.EndsWith(unit, StringComparison.Ordinal))
                continue;
            var number = t[..^unit.Length].Trim();
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || double.IsNaN(v) || double.IsInfinity(v))
                return false;
            microseconds = (long)Math.Round(v * scale);
            return true;
        }
        return false;
    }

    /// <summary>A readable form: whole seconds, milliseconds or microseconds.</summary>
    public static string Format(long us) =>
        us % 1_000_000 == 0 ? $"{us / 1_000_000}s" : us % 1_000 == 0 ? $"{us / 1_000}ms" : $"{us}us";
}
