using System.CommandLine;
using MaLAM4Com.Actors.Methods;
using MaLAM4Com.Channels;
using MaLAM4Com.Cli.Config;
using MaLAM4Com.Cli.Experiments;
using MaLAM4Com.Engine.Config;
using MaLAM4Com.Models;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Cli.Commands;

/// <summary>
/// <c>malam4com experiment malam4com</c>: the methods compared on the scenario of a config file (by default the
/// 48-agent scenario of config.hocon, four agents per region, so that a region's agents have peers), the cloud
/// LAM's pretraining included (one LAM per sampling ratio, the one at the config's rho shared with <c>malam4com run</c>).
/// </summary>
public static class MaLAM4ComExperimentCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "HOCON config file of the scenario.", DefaultValueFactory = _ => "config.hocon" };
        var set = new Option<string[]>("--set") { Description = "Override a config key of the scenario (repeatable).", AllowMultipleArgumentsPerToken = false };
        var rhos = new Option<string>("--rhos") { Description = "Sampling ratios to compare the methods at.", DefaultValueFactory = _ => "1/4,1/8,1/16,1/32,1/64" };
        var methods = new Option<string>("--methods")
        {
            Description = $"Methods to compare, comma-separated: built-ins ({string.Join(", ", CooperationMethods.BuiltInNames)}) or the full type name of a method of your own in an assembly listed in plugins.",
            DefaultValueFactory = _ => string.Join(",", CooperationMethods.BuiltInNames),
        };
        var sweepRho = new Option<string>("--sweep-rho") { Description = "Sampling ratio of the V and loss sweeps, the bytes comparison and the downstream task.", DefaultValueFactory = _ => "1/32" };
        var vs = new Option<string>("--v") { Description = "Values of the drift-plus-penalty parameter V to sweep: 0 weighs the budgets only (no agent ever shares); any V > 0 shares whenever an agent's byte queue is empty, and V reshapes what agents send only where V times a difference of penalties rivals the queue's backlog times a report's bytes.", DefaultValueFactory = _ => "0,1000000,100000000,1000000000,10000000000" };
        var losses = new Option<string>("--loss") { Description = "Random link loss rates to sweep.", DefaultValueFactory = _ => "0,0.05,0.2,0.4" };
        var dimensions = new Option<string>("--dimensions")
        {
            Description = "Embedding dimensions to sweep: each run lets agents share that one dimension (at the configured quantisations); at lite fidelity it is also the agents' number of output coordinates.",
            DefaultValueFactory = _ => "16,32,64,128",
        };
        var dimension = new Option<int>("--downstream-dimension")
        {
            Description = "Embedding dimension of the downstream task (64: the largest default cooperation dimension whose classifier needs >= 96 % fewer MACs than on raw CSI).",
            DefaultValueFactory = _ => 64,
        };
        var samples = new Option<int>("--downstream-samples") { Description = "Samples per region of the downstream task.", DefaultValueFactory = _ => 200 };
        var genie = new Option<int>("--genie-samples") { Description = "Samples per region the genie LMMSE reference is fitted on at each rho (more than the measurement count M; 0: no reference).", DefaultValueFactory = _ => 2000 };
        var output = new Option<string>("--out") { Description = "Results directory.", DefaultValueFactory = _ => Path.Combine("results", "malam4com") };
        var json = new Option<string?>("--json") { Description = "Also write summary.json to this path." };
        var liteCheck = new Option<bool>("--lite-check")
        {
            Description = "Run every method and every sweep at lite fidelity too, at the sweep rho, and compare the rankings and the ways the sweeps move (true or false).",
            DefaultValueFactory = _ => true,
        };
        var pooled = new Option<bool>("--pooled-reference")
        {
            Description = "Run MaLAM4Com once more at the sweep rho with V = 0 and every agent fitting its region's agents' training samples pooled (scenario.learning.pooled-data): what pooling the raw data buys, the most sharing could (true or false).",
            DefaultValueFactory = _ => true,
        };
        var command = new Command("malam4com", """
            MaLAM4Com against local-only training, FedAvg and full-output federated distillation across sampling
            ratios; bytes per round; the V sweep (cost vs NMSE against the budget); NMSE under link loss and by
            embedding dimension; the same at lite fidelity; and the downstream task on embeddings vs raw CSI.
            Writes tables, plots and summary.json.
            Examples:
              malam4com experiment malam4com
              malam4com experiment malam4com --rhos 1/32 --v 1,100000 --loss 0,0.2 --set scenario.rounds=4 --out /tmp/m4c
            """)
        {
            config, set, rhos, methods, sweepRho, vs, losses, dimensions, dimension, samples, genie, output, json, liteCheck, pooled,
        };
        command.SetAction(parse =>
        {
            string[] sets = parse.GetValue(set) ?? [];
            var settings = SettingsLoader.Load(parse.GetValue(config)!, sets);
            var methodList = parse.GetValue(methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Method).ToList();
            var rhoList = parse.GetValue(rhos)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => Arguments.Ratio(r, "--rhos")).ToList();
            if (rhoList.Count == 0 || methodList.Count == 0)
                throw new UsageException("--rhos and --methods need at least one value each");
            var plan = new MaLAM4ComPlan(
                rhoList, methodList, Arguments.Ratio(parse.GetValue(sweepRho)!, "--sweep-rho"),
                Arguments.NumberList(parse.GetValue(vs)!, "--v", 0, 1e12),
                Arguments.NumberList(parse.GetValue(losses)!, "--loss", 0, 1),
                Dimensions(parse.GetValue(dimensions)!, parse.GetValue(config)!, sets, parse.GetValue(liteCheck)),
                Arguments.Positive(parse.GetValue(dimension), "--downstream-dimension"),
                Arguments.Positive(parse.GetValue(samples), "--downstream-samples"),
                GenieSamples(parse.GetValue(genie), rhoList),
                parse.GetValue(liteCheck),
                PooledReference(parse.GetValue(pooled), parse.GetValue(config)!, sets));
            var writer = parse.InvocationConfiguration.Output;
            string line = string.Join(' ', ["malam4com", .. parse.Tokens.Select(t => t.Value)]);
            writer.WriteLine(line);
            var progress = ProgressReporter.For(parse);
            var result = MaLAM4ComExperiment.Run(settings, plan, progress.Log, progress.Line);
            foreach (var path in MaLAM4ComReport.Write(result, line, parse.GetValue(output)!))
                writer.WriteLine($"wrote {path}");
            if (parse.GetValue(json) is { } jsonPath)
            {
                File.Copy(Path.Combine(parse.GetValue(output)!, "summary.json"), jsonPath, overwrite: true);
                writer.WriteLine($"wrote {jsonPath}");
            }
            foreach (var (_, holds, detail) in MaLAM4ComReport.Claims(result))
                writer.WriteLine($"{(holds ? "holds" : "does not hold")}: {detail}");
            return 0;
        });
        return command;
    }

    /// <summary>The genie reference regresses on the M = rho x 2048 measurement coordinates plus a constant, so it needs more samples than that.</summary>
    private static int GenieSamples(int samples, IReadOnlyList<double> rhos)
    {
        int needed = rhos.Max(rho => SamplingRatio.Measurements(rho, ChannelLayout.RealsPerSample, "--rhos")) + 2;
        if (samples != 0 && samples < needed)
            throw new UsageException($"--genie-samples must be 0 (no reference) or at least {needed} for rho {SamplingRatio.Format(rhos.Max())} (got {samples})");
        return samples;
    }

    /// <summary>Whether to run the pooled-data reference, checked as the scenario with <c>scenario.learning.pooled-data</c> on.</summary>
    private static bool PooledReference(bool run, string config, string[] sets)
    {
        try
        {
            if (run)
                SettingsLoader.Load(config, [.. sets, "scenario.learning.pooled-data=true"]);
            return run;
        }
        catch (ConfigException e)
        {
            throw new UsageException($"--pooled-reference: 'true': {e.Message} (or --pooled-reference false)");
        }
    }

    /// <summary>The dimensions to sweep, each checked as the scenario's only cooperation dimension at every fidelity the experiment runs.</summary>
    private static IReadOnlyList<int> Dimensions(string text, string config, string[] sets, bool liteCheck)
    {
        var dimensions = Arguments.PositiveIntList(text, "--dimensions");
        foreach (int d in dimensions)
        {
            string[] only = [.. sets, $"scenario.cooperation.dimensions=[{d}]"];
            try
            {
                SettingsLoader.Load(config, only);
                if (liteCheck)
                    SettingsLoader.Load(config, [.. only, $"scenario.learning.fidelity={Fidelity.Lite.Name()}"]);
            }
            catch (ConfigException e)
            {
                throw new UsageException($"--dimensions: '{d}': {e.Message}");
            }
        }
        return dimensions;
    }

    private static ICooperationMethod Method(string name)
    {
        try
        {
            return CooperationMethods.Resolve(name);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--methods: '{name}': {e.Message}");
        }
    }
}
