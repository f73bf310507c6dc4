using System.Globalization;
using System.Text.Json;
using MaLAM4Com.Engine.Config;

namespace MaLAM4Com.Cli.Commands;

/// <summary>Checks and converts option values, naming the option and what is allowed when one is wrong.</summary>
public static class Arguments
{
    /// <summary>How the program writes JSON files: indented, for people to read and diff.</summary>
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Positive(int value, string option) =>
        value >= 1 ? value : throw new UsageException($"{option} must be at least 1, got {value}");

    public static IReadOnlyList<int> PositiveIntList(string text, string option)
    {
        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < 1)
                throw new UsageException($"{option}: '{part}' is not a positive whole number (expected a comma-separated list such as 1000,10000)");
            values.Add(v);
        }
        if (values.Count == 0)
            throw new UsageException($"{option} needs at least one value");
        return values;
    }

    /// <summary>A comma-separated list of numbers in [min, max], such as 0,0.05,0.2.</summary>
    public static IReadOnlyList<double> NumberList(string text, string option, double min, double max)
    {
        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v >= min && v <= max))
                throw new UsageException($"{option}: '{part}' is not a number in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
            values.Add(v);
        }
        if (values.Count == 0)
            throw new UsageException($"{option} needs at least one value");
        return values;
    }

    /// <summary>A sampling ratio such as 1/32 that gives a whole number of measurements of the 2048 reals.</summary>
    public static double Ratio(string text, string option)
    {
        try
        {
            double rho = Channels.SamplingRatio.Parse(text, option);
            Channels.SamplingRatio.Measurements(rho, Models.ChannelLayout.RealsPerSample, option);
            return rho;
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static long Duration(string text, string option) =>
        Durations.TryParseMicroseconds(text, out long us) && us >= 0
            ? us
            : throw new UsageException($"{option}: '{text}' is not a duration (a non-negative number with unit us, ms, s or min, e.g. 250ms)");

    /// <summary>Writes figures (a JSON node or any serialisable object) as indented JSON, naming the path if it cannot be written.</summary>
    public static void WriteJson(string path, object figures)
    {
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir))
                Directory.CreateDirectory(dir);
            File.WriteAllText(path, JsonSerializer.Serialize(figures, figures.GetType(), Indented) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--json: cannot write to '{path}': {e.Message}");
        }
    }
}
