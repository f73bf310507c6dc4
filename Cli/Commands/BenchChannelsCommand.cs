using System.CommandLine;
using System.Diagnostics;
using MaLAM4Com.Channels;

namespace MaLAM4Com.Cli.Commands;

/// <summary>
/// <c>malam4com bench channels</c>: samples per second for CSI generation and for compress + coarse
/// estimate of one batch, on every core of this machine. The JSON figure for compress + estimate is
/// the one at --rho; the others are reported by ratio. Each figure is the best of three runs, with
/// samples per CPU-second beside it.
/// </summary>
public static class BenchChannelsCommand
{
    private const int GenerationRegions = 10;
    private const int Repeats = 3;

    public static Command Create()
    {
        var samples = new Option<int>("--samples") { Description = "Batch size.", DefaultValueFactory = _ => 10_000 };
        var rho = new Option<string>("--rho") { Description = "Sampling ratio of the headline compress+estimate figure.", DefaultValueFactory = _ => "1/16" };
        var seed = new Option<ulong>("--seed") { Description = "Run seed.", DefaultValueFactory = _ => 1UL };
        var json = new Option<string?>("--json") { Description = "Also write the figures to this JSON file." };
        var command = new Command("channels", """
            CSI generation and compress+coarse-estimate throughput (samples/s), best of 3 runs per step.
            Example: malam4com bench channels --json channels.json
            """) { samples, rho, seed, json };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(samples);
            if (n < GenerationRegions)
                throw new UsageException($"--samples must be at least {GenerationRegions} (got {n})");
            string rhoText = parse.GetValue(rho)!;
            double headlineRho;
            try
            {
                headlineRho = SamplingRatio.Parse(rhoText, "--rho");
                SamplingRatio.Measurements(headlineRho, new CsiGeneratorSettings().Shape.RealLength, "--rho");
            }
            catch (ArgumentException e)
            {
                // The message already names the option; drop .NET's " (Parameter '--rho')" suffix.
                throw new UsageException(e.Message.Replace($" (Parameter '{e.ParamName}')", ""));
            }
            var output = parse.InvocationConfiguration.Output;
            var figures = Run(n, headlineRho, parse.GetValue(seed), output);
            string? path = parse.GetValue(json);
            if (path is not null)
            {
                Arguments.WriteJson(path, figures);
                output.WriteLine($"wrote {path}");
            }
            return 0;
        });
        return command;
    }

    private static Dictionary<string, object> Run(int n, double headlineRho, ulong seed, TextWriter output)
    {
        var generator = new CsiGenerator(new CsiGeneratorSettings(), seed);
        int length = generator.Shape.RealLength;
        var batch = new float[n * length];
        output.WriteLine($"bench channels: {n} samples of {length} floats, {Environment.ProcessorCount} cores, best of {Repeats} runs");

        // Half LOS, half NLOS regions, equal shares; a small first pass builds the regions and warms the JIT.
        int perRegion = n / GenerationRegions;
        GenerateAll(generator, batch, Math.Max(1, perRegion / 10));
        var (wall, cpu) = Measure(() => GenerateAll(generator, batch, perRegion));
        double generate = perRegion * GenerationRegions / wall;
        double generatePerCpu = perRegion * GenerationRegions / cpu;
        output.WriteLine($"  generate:                {generate,12:N0} samples/s {generatePerCpu,12:N0} per CPU-second");

        var coarse = new float[batch.Length];
        var byRho = new Dictionary<string, double>();
        var perCpuByRho = new Dictionary<string, double>();
        foreach (var rho in SamplingRatio.Reported.Append(headlineRho).Distinct())
        {
            var setup = Stopwatch.StartNew();
            var op = CompressionOperator.ForRatio(length, rho, seed);
            double setupSeconds = setup.Elapsed.TotalSeconds;
            op.CompressAndEstimate(batch.AsMemory(0, Math.Min(n, 256) * length), coarse.AsMemory(0, Math.Min(n, 256) * length));
            (wall, cpu) = Measure(() => op.CompressAndEstimate(batch, coarse));
            double rate = n / wall;
            byRho[SamplingRatio.Format(rho)] = Math.Round(rate);
            perCpuByRho[SamplingRatio.Format(rho)] = Math.Round(n / cpu);
            output.WriteLine($"  compress+estimate {SamplingRatio.Format(rho),-6}{rate,12:N0} samples/s {n / cpu,12:N0} per CPU-second (M = {op.Measurements}, A and pinv(A) built in {setupSeconds:F2} s)");
        }
        return new Dictionary<string, object>
        {
            ["generate_samples_per_s"] = Math.Round(generate),
            ["compress_estimate_per_s"] = byRho[SamplingRatio.Format(headlineRho)],
            ["compress_estimate_rho"] = SamplingRatio.Format(headlineRho),
            ["compress_estimate_per_s_by_rho"] = byRho,
            ["generate_samples_per_cpu_s"] = Math.Round(generatePerCpu),
            ["compress_estimate_per_cpu_s_by_rho"] = perCpuByRho,
            ["samples"] = n,
            ["cores"] = Environment.ProcessorCount,
        };
    }

    /// <summary>
    /// Wall-clock and process CPU seconds of the fastest of <see cref="Repeats"/> runs: on a shared
    /// machine the best run is the least disturbed, and the CPU figure shows the cost the wall clock hides.
    /// </summary>
    private static (double Wall, double Cpu) Measure(Action run)
    {
        var best = (Wall: double.MaxValue, Cpu: double.MaxValue);
        var process = Process.GetCurrentProcess();
        for (int i = 0; i < Repeats; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            run();
            double wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            if (wall < best.Wall)
                best = (wall, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
        }
        return best;
    }

    private static void GenerateAll(CsiGenerator generator, float[] batch, int perRegion)
    {
        int length = generator.Shape.RealLength;
        for (int r = 1; r <= GenerationRegions; r++)
            generator.Generate(r, 0, batch.AsMemory((r - 1) * perRegion * length, perRegion * length));
    }
}
