using System.Globalization;

namespace MaLAM4Com.Channels;

/// <summary>Sampling ratio rho = M / (2 Nt Nc) of the compressive sampling operator.</summary>
public static class SamplingRatio
{
    /// <summary>The ratios docs/methods.md names: 1/4, 1/8, 1/16, 1/32, 1/64.</summary>
    public static IReadOnlyList<double> Reported { get; } = [1.0 / 4, 1.0 / 8, 1.0 / 16, 1.0 / 32, 1.0 / 64];

    /// <summary>Reads "1/16" or "0.0625"; throws an <see cref="ArgumentException"/> naming <paramref name="paramName"/>.</summary>
    public static double Parse(string text, string paramName)
    {
        var parts = text.Split('/');
        double value = double.NaN;
        if (parts.Length == 1 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            value = v;
        else if (parts.Length == 2
                 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var num)
                 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var den) && den != 0)
            value = num / den;
        if (!(value > 0 && value <= 1))
            throw new ArgumentException($"{paramName}: '{text}' is not a sampling ratio in (0, 1] such as 1/16 or 0.0625", paramName);
        return value;
    }

    /// <summary>M = rho * dimension; throws unless that is a whole number of at least 1.</summary>
    public static int Measurements(double rho, int dimension, string paramName)
    {
        double m = rho * dimension;
        int rounded = (int)Math.Round(m);
        if (!(rho > 0 && rho <= 1) || rounded < 1 || Math.Abs(m - rounded) > 1e-9 * Math.Max(1, m))
            throw new ArgumentException(
                $"{paramName}: rho = {rho.ToString(CultureInfo.InvariantCulture)} times the dimension {dimension} is {m.ToString(CultureInfo.InvariantCulture)}, not a whole number of measurements >= 1",
                paramName);
        return rounded;
    }

    public static string Format(double rho) =>
        rho > 0 && Math.Abs(1 / rho - Math.Round(1 / rho)) < 1e-9
            ? $"1/{Math.Round(1 / rho).ToString(CultureInfo.InvariantCulture)}"
            : rho.ToString(CultureInfo.InvariantCulture);
}
