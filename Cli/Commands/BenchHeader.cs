using System.CommandLine;
using System.Text.Json.Nodes;

namespace MaLAM4Com.Cli.Commands;

/// <summary>
/// What every bench's JSON opens with, read before the bench does any work: the command as it was typed, the 1-minute load
/// average (other work on the machine skews timings) and the cores this process may use.
/// </summary>
public static class BenchHeader
{
    public static JsonObject For(ParseResult parse) => new()
    {
        ["command"] = string.Join(' ', ["malam4com", .. parse.Tokens.Select(x => x.Value)]),
        ["load_average_1m"] = LoadAverage(),
        ["cores"] = Environment.ProcessorCount,
    };

    /// <summary>The 1-minute load average, or null where /proc does not say.</summary>
    public static double? LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
