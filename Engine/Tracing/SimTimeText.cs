using System.Globalization;

namespace MaLAM4Com.Engine.Tracing;

/// <summary>Simulated times as text: "10s", "250ms", "1500us" (or "µs"); a bare number is µs.</summary>
public static class SimTimeText
{
    public static bool TryParseMicroseconds(string text, out long microseconds) =>
        Config.Durations.TryParseMicroseconds(text, out microseconds, bareNumberIsMicroseconds: true);

    /// <summary>Seconds with microsecond precision, e.g. "10.000250s".</summary>
    public static string Format(long microseconds) =>
        (microseconds / 1e6).ToString("0.000000", CultureInfo.InvariantCulture) + "s";
}
