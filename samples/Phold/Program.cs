using System.Globalization;
using System.Text.Json;
using MaLAM4Com.Engine.Tracing;
using MaLAM4Com.Samples.Phold;

// phold [--entities N] [--remote F] [--population K] [--lookahead US] [--mean-delay US] [--end US] [--seed S] [--out DIR] [--no-trace]
try
{
    var s = PholdSettings.Default;
    string output = Path.Combine("samples", "out", "phold");
    bool traced = true;
    for (int i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        switch (args[i])
        {
            case "--entities": s = s with { Entities = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
            case "--remote": s = s with { Remote = double.Parse(Value(), CultureInfo.InvariantCulture) }; break;
            case "--population": s = s with { Population = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
            case "--lookahead": s = s with { LookaheadUs = long.Parse(Value(), CultureInfo.InvariantCulture) }; break;
            case "--mean-delay": s = s with { MeanDelayUs = double.Parse(Value(), CultureInfo.InvariantCulture) }; break;
            case "--end": s = s with { EndUs = long.Parse(Value(), CultureInfo.InvariantCulture) }; break;
            case "--seed": s = s with { Seed = ulong.Parse(Value(), CultureInfo.InvariantCulture) }; break;
            case "--out": output = Value(); break;
            case "--no-trace": traced = false; break;
            default: throw new ArgumentException($"unknown option {args[i]}; options: --entities --remote --population --lookahead --mean-delay --end --seed --out --no-trace");
        }
    }
    s.Validate();
    Directory.CreateDirectory(output);
    string tracePath = Path.Combine(output, "trace.jsonl");
    PholdResult result;
    using (var trace = traced ? new JsonLinesTraceWriter(tracePath, PholdRun.Topology(s).Names) : null)
        result = PholdRun.Run(s, trace);
    var summary = new Dictionary<string, object>
    {
        ["sample"] = "phold",
        ["entities"] = s.Entities,
        ["remote"] = s.Remote,
        ["population"] = s.Population,
        ["lookahead_us"] = s.LookaheadUs,
        ["mean_delay_us"] = s.MeanDelayUs,
        ["end_us"] = s.EndUs,
        ["seed"] = s.Seed,
        ["events"] = result.Events,
        ["windows"] = result.Windows,
        ["wall_s"] = Math.Round(result.WallSeconds, 3),
        ["events_per_s"] = Math.Round(result.EventsPerSecond),
    };
    File.WriteAllText(Path.Combine(output, "summary.json"), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"phold: {result.Events:N0} events in {result.WallSeconds:F2} s ({result.EventsPerSecond:N0} events/s); {output}/summary.json"));
    return 0;
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
