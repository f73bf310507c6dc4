using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using MaLAM4Com.Cli.Bench;
using MaLAM4Com.Cli.Bench.Peers;
using MaLAM4Com.Samples.Phold;

namespace MaLAM4Com.Cli.Commands;

/// <summary><c>malam4com bench phold</c>: PHOLD events per second on our kernel against ns-3 with its fastest scheduler.</summary>
public static class BenchPholdCommand
{
    public static Command Create()
    {
        var d = PholdSettings.Default;
        var entities = new Option<string>("--entities") { Description = "Comma-separated entity counts.", DefaultValueFactory = _ => "1000" };
        var remote = new Option<string>("--remote") { Description = "Comma-separated remote fractions in [0, 1]: the share of events sent to a random entity.", DefaultValueFactory = _ => "0.5" };
        var population = new Option<int>("--population") { Description = "Events in flight per entity.", DefaultValueFactory = _ => d.Population };
        var lookahead = new Option<string>("--lookahead") { Description = "Lookahead: every event's fixed part of the delay (us, ms or s; at least 1us).", DefaultValueFactory = _ => $"{d.LookaheadUs}us" };
        var meanDelay = new Option<string>("--mean-delay") { Description = "Mean of the exponential part of the delay (us, ms or s).", DefaultValueFactory = _ => $"{d.MeanDelayUs}us" };
        var end = new Option<string>("--end") { Description = "Simulated time per scenario (us, ms or s; at least 1us).", DefaultValueFactory = _ => "20ms" };
        var seed = new Option<ulong>("--seed") { Description = "Run seed (both simulators draw the same numbers from it).", DefaultValueFactory = _ => d.Seed };
        var skip = new Option<string[]>("--skip") { Description = "Peers not to run: ns3." };
        var partitions = new Option<int>("--partitions") { Description = "Our channel-environment partitions (0: one per core).", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "Our dispatcher threads (0: the .NET thread pool).", DefaultValueFactory = _ => 0 };
        var json = new Option<string?>("--json") { Description = "Also write the figures to this JSON file (by entities, then remote)." };
        var command = new Command("phold", """
            PHOLD (samples/Phold) on our kernel and on ns-3 (bench/peers/phold_ns3.cc, the same model and
            random draws, so both handle the same events). Each scenario runs on ns-3 with MapScheduler,
            HeapScheduler and CalendarScheduler and the fastest counts. Events = PHOLD events handled; wall
            time = the simulator's run only. ns-3 not installed (bench/peers/install.sh) is reported as null.
            Examples:
              malam4com bench phold
              malam4com bench phold --entities 1000,100000,1000000 --remote 0.1,0.5,1.0 --json phold.json
            """)
        {
            entities, remote, population, lookahead, meanDelay, end, seed, skip, partitions, threads, json,
        };
        command.SetAction(parse =>
        {
            // Every value is checked before anything runs.
            var sizes = Arguments.PositiveIntList(parse.GetValue(entities)!, "--entities").Distinct().ToList();
            var remotes = Arguments.NumberList(parse.GetValue(remote)!, "--remote", 0, 1).Distinct().ToList();
            var s = d with
            {
                Population = Arguments.Positive(parse.GetValue(population), "--population"),
                LookaheadUs = AtLeastOne(Arguments.Duration(parse.GetValue(lookahead)!, "--lookahead"), "--lookahead", parse.GetValue(lookahead)!),
                MeanDelayUs = Arguments.Duration(parse.GetValue(meanDelay)!, "--mean-delay"),
                EndUs = AtLeastOne(Arguments.Duration(parse.GetValue(end)!, "--end"), "--end", parse.GetValue(end)!),
                Seed = parse.GetValue(seed),
            };
            int p = NotNegative(parse.GetValue(partitions), "--partitions"), t = NotNegative(parse.GetValue(threads), "--threads");
            var skipped = (parse.GetValue(skip) ?? []).SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet();
            foreach (var x in skipped.Where(x => x != "ns3"))
                throw new UsageException($"--skip: unknown peer '{x}' (allowed: ns3)");
            var scenarios = sizes.SelectMany(n => remotes.Select(r => s with { Entities = n, Remote = r })).ToList();
            foreach (var scenario in scenarios)
            {
                try
                {
                    scenario.Validate();
                }
                catch (ArgumentException e)
                {
                    throw new UsageException(e.Message);
                }
            }

            var output = parse.InvocationConfiguration.Output;
            var progress = ProgressReporter.For(parse);
            string? peers = skipped.Contains("ns3") ? null : PeerRunner.FindPeersFolder();
            string? noPeer = skipped.Contains("ns3") ? "skipped (--skip)" : peers is null ? "bench/peers/ not found (run from the repository)" : null;
            var figures = BenchHeader.For(parse);
            figures["population"] = s.Population;
            figures["lookahead_us"] = s.LookaheadUs;
            figures["mean_delay_us"] = s.MeanDelayUs;
            figures["end_us"] = s.EndUs;
            figures["seed"] = s.Seed;
            PholdBenchmark.WarmUp(p, t);
            output.WriteLine($"{"entities",10} {"remote",6} {"events",12} {"ours ev/s",12} {"ns-3 events",12} {"ns-3 ev/s",12} {"ns-3 scheduler",22} {"ours/ns-3",9}");
            foreach (var scenario in scenarios)
            {
                progress.Line($"malam4com: {scenario.Entities:N0} entities, remote {PholdBenchmark.RemoteKey(scenario.Remote)}");
                var ours = PholdBenchmark.Ours(scenario, p, t, k => progress.Step(k.SimulatedUs, k.EndTimeUs, "simulated us"));
                progress.Done();
                var (ns3, why) = noPeer is not null ? (null, noPeer) : PholdBenchmark.Ns3(peers!, scenario, progress.Line);
                if (ns3 is null)
                    parse.InvocationConfiguration.Error.WriteLine($"ns3: not run on {scenario.Entities} entities, remote {PholdBenchmark.RemoteKey(scenario.Remote)}: {why}");
                double? ratio = ns3 is null ? null : ours.EventsPerSecond / ns3.EventsPerSecond;
                output.WriteLine($"{scenario.Entities,10} {PholdBenchmark.RemoteKey(scenario.Remote),6} {ours.Events,12} {ours.EventsPerSecond,12:N0} {ns3?.Events,12} {ns3?.EventsPerSecond,12:N0} {ns3?.Scheduler ?? "-",22} {ratio,9:F2}");
                var byEntities = figures[scenario.Entities.ToString(CultureInfo.InvariantCulture)] as JsonObject ?? [];
                figures[scenario.Entities.ToString(CultureInfo.InvariantCulture)] = byEntities;
                byEntities[PholdBenchmark.RemoteKey(scenario.Remote)] = new JsonObject
                {
                    ["ours_events"] = ours.Events,
                    ["ours_wall_s"] = ours.WallSeconds,
                    ["ours_events_per_s"] = ours.EventsPerSecond,
                    ["ns3_events"] = ns3?.Events,
                    ["ns3_wall_s"] = ns3?.WallSeconds,
                    ["ns3_events_per_s"] = ns3?.EventsPerSecond,
                    ["ns3_scheduler"] = ns3?.Scheduler,
                    ["ns3_events_per_s_by_scheduler"] = ns3 is null ? null : new JsonObject(ns3.EventsPerSecondBySchedulers.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value))),
                    ["ratio_to_ns3"] = ratio,
                };
            }
            if (parse.GetValue(json) is { } path)
                Arguments.WriteJson(path, figures);
            return 0;
        });
        return command;
    }

    private static long AtLeastOne(long us, string option, string text) =>
        us >= 1 ? us : throw new UsageException($"{option}: '{text}' must be at least 1us");

    private static int NotNegative(int value, string option) =>
        value >= 0 ? value : throw new UsageException($"{option} must be 0 or more, got {value}");
}
