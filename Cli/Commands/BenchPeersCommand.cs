using System.CommandLine;
using System.Text.Json.Nodes;
using MaLAM4Com.Cli.Bench.Peers;
using MathNet.Numerics.Statistics;

namespace MaLAM4Com.Cli.Commands;

/// <summary>
/// <c>malam4com bench peers</c>: events per second on the peer round scenario, ours against plain Akka.NET
/// (our run's actor messages alone), SimPy and ns-3.
/// </summary>
public static class BenchPeersCommand
{
    // The peer that runs in this process (plain Akka.NET on our run's batches); the others are programs of bench/peers/.
    private const string AkkaPeer = "akka";

    private static readonly string[] PeerNames = [AkkaPeer, "simpy", "ns3"];

    public static Command Create()
    {
        var agents = new Option<int>("--agents") { Description = "Agents (one edge per 1000).", DefaultValueFactory = _ => 100_000 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds of 1 s simulated.", DefaultValueFactory = _ => 5 };
        var python = new Option<string>("--python") { Description = "Python interpreter with SimPy 2 (Debian's python3-simpy is for /usr/bin/python3).", DefaultValueFactory = _ => "/usr/bin/python3" };
        var skip = new Option<string[]>("--skip") { Description = "Peers not to run: akka, simpy, ns3 (repeatable)." };
        var partitions = new Option<int>("--partitions") { Description = "Our channel-environment partitions (0: one per core; 1, the default, spares this bursty scenario a cross-partition exchange per window).", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Our dispatcher threads (0: the .NET thread pool).", DefaultValueFactory = _ => 0 };
        var repeat = new Option<int>("--repeat") { Description = "Runs of each simulator, interleaved (ours, then each peer, again); figures are their medians.", DefaultValueFactory = _ => 1 };
        var json = new Option<string?>("--json") { Description = "Also write the figures to this JSON file." };
        var command = new Command("peers", """
            The round scenario of bench/peers/ (agents report to edges through lossy, delayed links, edges
            aggregate until a deadline, the cloud answers) on our kernel, on plain Akka.NET, on SimPy and on
            ns-3, with the same N. Events = message deliveries + timer firings on every side. The akka peer
            does only the actor messages of our run (as many actors as its entities; per window, one message
            to as many of them as our kernel handed batches, and their answers), credited with our run's
            events: the floor of a kernel with one actor per entity. A peer that is not installed
            (bench/peers/install.sh) is reported as null. A run of ours takes a second or so at 10^5 agents,
            ns-3's less, and this machine's speed moves more than that from one minute to the next: --repeat N
            runs each simulator N times, taking turns, and a ratio is the median of each repeat's.
            Examples:
              malam4com bench peers --agents 100000 --json peers.json
              malam4com bench peers --agents 100000 --skip simpy --repeat 5
              malam4com bench peers --agents 10000 --skip simpy
            """)
        {
            agents, rounds, python, skip, partitions, threads, repeat, json,
        };
        command.SetAction(parse =>
        {
            int n = Arguments.Positive(parse.GetValue(agents), "--agents");
            int r = Arguments.Positive(parse.GetValue(rounds), "--rounds");
            int repeats = Arguments.Positive(parse.GetValue(repeat), "--repeat");
            var skipped = (parse.GetValue(skip) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet();
            foreach (var s in skipped.Where(s => !PeerNames.Contains(s)))
                throw new UsageException($"--skip: unknown peer '{s}' (allowed: {string.Join(", ", PeerNames)})");
            const ulong seed = 42;
            var output = parse.InvocationConfiguration.Output;
            var progress = ProgressReporter.For(parse);
            var figures = BenchHeader.For(parse);
            string? peers = PeerRunner.FindPeersFolder();
            // Per simulator, its runs in repeat order; a peer that cannot run is tried once and reported with why.
            var runs = new Dictionary<string, List<PeerResult>> { ["malam4com"] = new() };
            IReadOnlyList<int> batches = [];
            var why = new Dictionary<string, string>();
            foreach (var name in PeerNames)
            {
                if (skipped.Contains(name))
                    why[name] = "skipped (--skip)";
                else if (peers is null && name != AkkaPeer)
                    why[name] = "bench/peers/ not found (run from the repository)";
                else
                    runs[name] = new();
            }
            for (int k = 1; k <= repeats; k++)
            {
                string of = repeats > 1 ? $", repeat {k} of {repeats}" : "";
                progress.Line($"malam4com: {n:N0} agents, {r} rounds{of}");
                var our = PeerRoundScenario.Run(n, r, seed, parse.GetValue(partitions), parse.GetValue(threads), p => progress.Step(p.SimulatedUs, p.EndTimeUs, "simulated us"));
                runs["malam4com"].Add(our.Result);
                batches = our.BatchesPerWindow;
                progress.Done();
                foreach (var name in PeerNames.Where(runs.ContainsKey))
                {
                    progress.Line($"{name}: {n:N0} agents, {r} rounds{of}");
                    var (result, reason) = name switch
                    {
                        AkkaPeer => (our.Result with { Simulator = AkkaPeer, WallSeconds = PlainAkkaRoundTrips.WallSeconds(our.Entities, our.BatchesPerWindow) }, (string?)null),
                        "simpy" => PeerRunner.SimPy(peers!, parse.GetValue(python)!, n, r, seed),
                        _ => PeerRunner.Ns3(peers!, n, r, seed),
                    };
                    if (result is not null)
                        runs[name].Add(result);
                    else
                    {
                        runs.Remove(name);
                        why[name] = reason ?? "no result";
                    }
                }
            }
            var ours = runs["malam4com"];
            figures["agents"] = n;
            figures["rounds"] = r;
            figures["repeats"] = repeats;
            long roundTrips = batches.Sum(b => (long)b);
            figures["windows"] = batches.Count;
            figures["batches"] = roundTrips;
            var medians = runs.ToDictionary(x => x.Key, x => Median(x.Value.Select(p => p.EventsPerSecond)));
            figures["ours_events_per_s"] = medians["malam4com"];
            figures["ours_events_per_s_runs"] = Rates(ours);
            var ratios = new Dictionary<string, double> { ["malam4com"] = 1 };
            foreach (var name in PeerNames)
            {
                var peer = runs.GetValueOrDefault(name);
                figures[$"{name}_events_per_s"] = peer is null ? null : medians[name];
                figures[$"{name}_events_per_s_runs"] = peer is null ? null : Rates(peer);
                // Each repeat's ours over the peer's, beside it in time; their median.
                double? ratio = peer is null ? null : Median(peer.Select((p, k) => ours[k].EventsPerSecond / p.EventsPerSecond));
                figures[$"ratio_to_{name}"] = ratio;
                if (ratio is { } ran)
                    ratios[name] = ran;
                else
                    parse.InvocationConfiguration.Error.WriteLine($"{name}: not run: {why[name]}");
            }
            // What an actor-per-entity kernel could reach at most: the actor messages alone against ns-3.
            figures["akka_ratio_to_ns3"] = runs.TryGetValue(AkkaPeer, out var akka) && runs.TryGetValue("ns3", out var ns3)
                ? Median(akka.Select((a, k) => a.EventsPerSecond / ns3[k].EventsPerSecond))
                : null;
            output.WriteLine($"{"simulator",10} {"run",6} {"deliveries",11} {"timers",9} {"events",10} {"wall s",8} {"events/s",12} {"ours/this",9}");
            for (int k = 0; k < repeats; k++)
            {
                foreach (var (name, list) in runs)
                {
                    var p = list[k];
                    output.WriteLine($"{p.Simulator,10} {"#" + (k + 1),6} {p.Delivered,11} {p.Timers,9} {p.Events,10} {p.WallSeconds,8:F2} {p.EventsPerSecond,12:N0} {ours[k].EventsPerSecond / p.EventsPerSecond,9:F2}");
                }
            }
            if (repeats > 1)
            {
                foreach (var (name, list) in runs)
                {
                    output.WriteLine($"{list[0].Simulator,10} {"median",6} {"",11} {"",9} {"",10} {"",8} {medians[name],12:N0} {ratios[name],9:F2}");
                }
            }
            if (runs.ContainsKey(AkkaPeer))
                output.WriteLine($"{AkkaPeer}: our run's {roundTrips:N0} actor round trips in {batches.Count:N0} windows alone, credited with its events");
            if (parse.GetValue(json) is { } path)
                Arguments.WriteJson(path, figures);
            return 0;
        });
        return command;
    }

    private static double Median(IEnumerable<double> values) => values.ToArray().Median();

    private static JsonArray Rates(IEnumerable<PeerResult> runs) => [.. runs.Select(p => JsonValue.Create(p.EventsPerSecond))];
}
