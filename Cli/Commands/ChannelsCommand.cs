using System.CommandLine;
using System.Globalization;
using MaLAM4Com.Channels;

namespace MaLAM4Com.Cli.Commands;

/// <summary><c>malam4com channels generate|show</c>: write CSI datasets as .npy, or draw a region's angular-delay heatmap.</summary>
public static class ChannelsCommand
{
    public static Command Create()
    {
        var channels = new Command("channels", """
            Channel state information: datasets and pictures of the regions.
            Examples:
              malam4com channels generate --regions 1-110 --samples 10000 --out data/
              malam4com channels show --region 7 --out region7.png
            """);
        channels.Subcommands.Add(Generate());
        channels.Subcommands.Add(Show());
        return channels;
    }

    private static Option<ulong> SeedOption() => new("--seed") { Description = "Run seed; the same seed gives the same bytes.", DefaultValueFactory = _ => 1UL };
    private static Option<int> AntennasOption() => new("--antennas") { Description = "Base-station ULA elements Nt.", DefaultValueFactory = _ => 32 };
    private static Option<int> SubcarriersOption() => new("--subcarriers") { Description = "Subcarriers Nc.", DefaultValueFactory = _ => 32 };

    private static Command Generate()
    {
        var regions = new Option<string>("--regions") { Description = "Region ids: '1-110', '7' or '1,3,10-12'.", Required = true };
        var samples = new Option<int>("--samples") { Description = "Samples per region.", DefaultValueFactory = _ => 10_000 };
        var output = new Option<string>("--out") { Description = "Output directory for region_NNN.npy files and dataset.json.", Required = true };
        var seed = SeedOption();
        var antennas = AntennasOption();
        var subcarriers = SubcarriersOption();
        var command = new Command("generate", """
            Generate CSI samples per region into NumPy .npy files (float32, shape (samples, Nt, 2, Nc)) with a dataset.json sidecar.
            Examples:
              malam4com channels generate --regions 1-110 --samples 10000 --out data/
              malam4com channels generate --regions 7,8,101-103 --samples 500 --out /tmp/csi --seed 3
            """)
        {
            regions, samples, output, seed, antennas, subcarriers,
        };
        command.SetAction(parse =>
        {
            var generator = CreateGenerator(parse.GetValue(seed), parse.GetValue(antennas), parse.GetValue(subcarriers));
            var ids = ParseRegions(parse.GetValue(regions)!, generator.Geometry.RegionCount);
            int count = parse.GetValue(samples);
            if (count < 1)
                throw new UsageException($"--samples must be at least 1 (got {count})");
            string directory = parse.GetValue(output)!;
            var writer = parse.InvocationConfiguration.Output;
            var progress = ProgressReporter.For(parse);
            int written = 0;
            WithOutput("--out", directory, () =>
                CsiDataset.Write(generator, ids, count, directory, _ => progress.Step(++written, ids.Count, "regions")));
            progress.Done();
            writer.WriteLine($"wrote {written} region files and {CsiDataset.SidecarFileName} to {directory}");
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var region = new Option<int>("--region") { Description = "Region id.", Required = true };
        var sample = new Option<long>("--sample") { Description = "Index of the sample drawn on the left.", DefaultValueFactory = _ => 0 };
        var average = new Option<int>("--average-samples") { Description = "Samples in the region average on the right.", DefaultValueFactory = _ => 1000 };
        var output = new Option<string>("--out") { Description = "PNG file to write.", Required = true };
        var seed = SeedOption();
        var antennas = AntennasOption();
        var subcarriers = SubcarriersOption();
        var command = new Command("show", """
            Draw |H| in the angular-delay domain (2-D DFT) for one sample and the region's average, as a PNG.
            Examples:
              malam4com channels show --region 7 --out region7.png
              malam4com channels show --region 8 --sample 12 --average-samples 200 --out region8.png
            """)
        {
            region, sample, average, output, seed, antennas, subcarriers,
        };
        command.SetAction(parse =>
        {
            var generator = CreateGenerator(parse.GetValue(seed), parse.GetValue(antennas), parse.GetValue(subcarriers));
            int id = parse.GetValue(region);
            CheckRegion(id, generator.Geometry.RegionCount, "--region");
            long index = parse.GetValue(sample);
            if (index < 0)
                throw new UsageException($"--sample must not be negative (got {index})");
            int count = parse.GetValue(average);
            if (count < 1)
                throw new UsageException($"--average-samples must be at least 1 (got {count})");
            string path = parse.GetValue(output)!;
            var transform = new AngularDelayTransform(generator.Shape);
            var one = transform.MeanPower(generator.Generate(id, index, 1));
            var mean = transform.MeanPower(generator.Generate(id, 0, count));
            var scatterers = generator.Region(id);
            string condition = scatterers.IsLineOfSight ? $"LOS, K = {scatterers.KFactorDb:F1} dB" : "NLOS";
            WithOutput("--out", path, () => AngularDelayPlot.Save(path, generator.Settings,
                $"Region {id} ({condition}), sample {index}", one,
                $"Region {id}, RMS over {count} samples", mean));
            parse.InvocationConfiguration.Output.WriteLine($"wrote {path}");
            return 0;
        });
        return command;
    }

    private static CsiGenerator CreateGenerator(ulong seed, int antennas, int subcarriers)
    {
        if (antennas < 1)
            throw new UsageException($"--antennas must be at least 1 (got {antennas})");
        if (subcarriers < 1)
            throw new UsageException($"--subcarriers must be at least 1 (got {subcarriers})");
        return new CsiGenerator(new CsiGeneratorSettings { Antennas = antennas, Subcarriers = subcarriers }, seed);
    }

    /// <summary>Reads "1-110", "7" or "1,3,10-12" into ascending distinct ids, each checked against 1..regionCount.</summary>
    internal static IReadOnlyList<int> ParseRegions(string text, int regionCount)
    {
        var ids = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length is < 1 or > 2
                || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out int first)
                || !int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out int last)
                || last < first)
                throw new UsageException($"--regions: '{part}' is not a region id or an ascending range such as 1-110");
            CheckRegion(first, regionCount, "--regions");
            CheckRegion(last, regionCount, "--regions");
            for (int r = first; r <= last; r++)
                ids.Add(r);
        }
        return ids.ToArray();
    }

    private static void CheckRegion(int region, int regionCount, string option)
    {
        if (region < 1 || region > regionCount)
            throw new UsageException($"{option}: region {region} is out of range; region ids run from 1 to {regionCount}");
    }

    /// <summary>Runs a write, turning file-system failures into a usage error that names the option.</summary>
    private static void WithOutput(string option, string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option}: cannot write to '{path}': {e.Message}");
        }
    }
}
