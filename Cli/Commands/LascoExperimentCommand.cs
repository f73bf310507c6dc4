using System.CommandLine;
using System.Globalization;
using MaLAM4Com.Channels;
using MaLAM4Com.Cli.Experiments;
using MaLAM4Com.Models;

namespace MaLAM4Com.Cli.Commands;

/// <summary>
/// <c>malam4com experiment lasco</c>: pretrains the LAM and reference SAM (or reuses the cached pair),
/// adapts LASCO, E-LASCO and the baselines on each held-out region and writes the results directory.
/// </summary>
public static class LascoExperimentCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = $"Model and training sizes: {string.Join(", ", ModelPreset.Names)}.", DefaultValueFactory = _ => "cpu" };
        var sam = new Option<string>("--sam") { Description = $"SAM family: {string.Join(", ", SamFamilies.Keys)} (linear: affine maps fitted in closed form, the cooperation agents' family; transformer: the earlier results' networks).", DefaultValueFactory = _ => "linear" };
        var rho = new Option<string>("--rho") { Description = "Sampling ratio M/2048, e.g. 1/16.", DefaultValueFactory = _ => "1/16" };
        var trainSamples = new Option<int>("--train-samples") { Description = "Training samples per held-out region (8:1:1 split).", DefaultValueFactory = _ => 1000 };
        var pretrainRegions = new Option<string>("--pretrain-regions") { Description = "Regions pooled for pretraining.", DefaultValueFactory = _ => "1-100" };
        var adaptRegions = new Option<string>("--adapt-regions") { Description = "Held-out regions to adapt on.", DefaultValueFactory = _ => "101-110" };
        var seed = new Option<ulong>("--seed") { Description = "Channel generator and compression seed.", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int>("--threads") { Description = "TorchSharp threads: the figures depend on their count, not on the cores, so the default is the same on every machine.", DefaultValueFactory = _ => TorchThreads.ForResults };
        var output = new Option<string>("--out") { Description = "Results directory.", DefaultValueFactory = _ => Path.Combine("results", "lasco") };
        var cache = new Option<string>("--cache") { Description = "Directory of cached pretrained checkpoints (reused when the configuration matches).", DefaultValueFactory = _ => Path.Combine(".cache", "lasco") };
        var json = new Option<string?>("--json") { Description = "Also write summary.json to this path." };
        var command = new Command("lasco", """
            LASCO / E-LASCO adaptation against the baselines (NMSE, GCS, alphas, latency) and a per-region linear fit:
            pretrains on regions 1-100 (the LAM cached), adapts on each held-out region 101-110, writes tables, plots
            and summary.json.
            Examples:
              malam4com experiment lasco
              malam4com experiment lasco --sam transformer
              malam4com experiment lasco --preset tiny --train-samples 200 --out /tmp/lasco --threads 1
            """)
        {
            preset, sam, rho, trainSamples, pretrainRegions, adaptRegions, seed, threads, output, cache, json,
        };
        command.SetAction(parse =>
        {
            var modelPreset = Parse("--preset", () => ModelPreset.FromName(parse.GetValue(preset)!));
            var family = Parse("--sam", () => SamFamilies.FromKey(parse.GetValue(sam)!));
            string rhoText = parse.GetValue(rho)!;
            double ratio = Parse("--rho", () =>
            {
                double r = SamplingRatio.Parse(rhoText, "--rho");
                SamplingRatio.Measurements(r, ChannelLayout.RealsPerSample, "--rho");
                return r;
            });
            int samples = parse.GetValue(trainSamples);
            if (samples < 16)
                throw new UsageException($"--train-samples must be at least 16 (got {samples})");
            int threadCount = parse.GetValue(threads);
            if (threadCount < 1)
                throw new UsageException($"--threads must be at least 1 (got {threadCount})");
            var generatorSettings = new CsiGeneratorSettings();
            var pretrain = Regions("--pretrain-regions", parse.GetValue(pretrainRegions)!, generatorSettings.RegionCount);
            var adapt = Regions("--adapt-regions", parse.GetValue(adaptRegions)!, generatorSettings.RegionCount);
            if (pretrain.Intersect(adapt).Any())
                throw new UsageException("--pretrain-regions and --adapt-regions must not overlap: adaptation regions are held out");
            ulong dataSeed = parse.GetValue(seed);
            string directory = parse.GetValue(output)!;

            TorchSharp.torch.set_num_threads(threadCount);
            var writer = parse.InvocationConfiguration.Output;
            string line = string.Create(CultureInfo.InvariantCulture,
                $"malam4com experiment lasco --preset {modelPreset.Name} --sam {family.Key()} --rho {rhoText} --train-samples {samples} --pretrain-regions {parse.GetValue(pretrainRegions)} "
                + $"--adapt-regions {parse.GetValue(adaptRegions)} --seed {dataSeed} --threads {threadCount}");
            writer.WriteLine(line);
            var settings = new LascoExperimentSettings(modelPreset, family, samples, pretrain, adapt, parse.GetValue(cache)!);
            var source = new CsiChannelSource(generatorSettings, dataSeed, ratio);
            // Per-epoch progress goes with the other commands' progress: to stderr, silenced by --quiet.
            var log = ProgressReporter.For(parse).Log;
            var result = new LascoExperiment(settings, source, log).Run();
            foreach (var path in Write("--out", () => LascoReport.Write(result, ratio, line, directory)))
                writer.WriteLine($"wrote {path}");
            if (parse.GetValue(json) is { } jsonPath)
            {
                Write("--json", () => File.Copy(Path.Combine(directory, "summary.json"), jsonPath, overwrite: true));
                writer.WriteLine($"wrote {jsonPath}");
            }
            foreach (var (_, holds, detail) in LascoReport.Claims(result))
                writer.WriteLine($"{(holds ? "holds" : "does not hold")}: {detail}");
            return 0;
        });
        return command;
    }

    private static T Parse<T>(string option, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message.StartsWith(option, StringComparison.Ordinal) ? e.Message : $"{option}: {e.Message}");
        }
    }

    private static IReadOnlyList<int> Regions(string option, string text, int regionCount)
    {
        try
        {
            return ChannelsCommand.ParseRegions(text, regionCount);
        }
        catch (UsageException e)
        {
            throw new UsageException(e.Message.Replace("--regions", option, StringComparison.Ordinal));
        }
    }

    private static T Write<T>(string option, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option}: cannot write: {e.Message}");
        }
    }

    private static void Write(string option, Action write) => Write(option, () => { write(); return 0; });
}
