using System.CommandLine;
using MaLAM4Com.Cli.Bench.Peers;

namespace MaLAM4Com.Cli.Commands;

/// <summary><c>malam4com bench peers</c>: events per second on the peer round scenario, ours against SimPy and ns-3.</summary>
public static class BenchPeersCommand
{
    private static readonly string[] PeerNames = ["simpy", "ns3"];

    public static Command Create()
    {
        var agents = new Option<int>("--agents") { Description = "Agents (one edge per 1000).", DefaultValueFactory = _ => 100_000 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds of 1 s simulated.", DefaultValueFactory = _ => 5 };
        var python = new Option<string>("--python") { Description = "Python interpreter with SimPy 2 (Debian's python3-simpy is for /usr/bin/python3).", DefaultValueFactory = _ => "/usr/bin/python3" };
        var skip = new Option<string[]>("--skip") { Description = "Peers not to run: simpy, ns3 (repeatable)." };
        var partitions = new Option<int>("--partitions") { Description = "Our channel-environment partitions (0: one per core; 1, the default, spares this bursty scenario a cross-partition exchange per window).", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Our dispatcher threads (0: the .NET thread pool).", DefaultValueFactory = _ => 0 };
        var json = new Option<string?>("--json") { Description = "Also write the figures to this JSON file." };
        var command = new Command("peers", """
            The round scenario of bench/peers/ (agents report to edges through lossy, delayed links, edges
            aggregate until a deadline, the cloud answers) on our kernel, on SimPy and on ns-3, with the same
            N. Events = message deliveries + timer firings on every side. A peer that is not installed
            (bench/peers/install.sh) is reported as null.
            Examples:
              malam4com bench peers --agents 100000 --json peers.json
              malam4com bench peers --agents 10000 --skip simpy
            """)
        {
            agents, rounds, python, skip, partitions, threads, json,
        };
        command.SetAction(parse =>
        {
            int n = Arguments.Positive(parse.GetValue(agents), "--agents");
            int r = Arguments.Positive(parse.GetValue(rounds), "--rounds");
            var skipped = (parse.GetValue(skip) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet();
            foreach (var s in skipped.Where(s => s is not ("simpy" or "ns3")))
                throw new UsageException($"--skip: unknown peer '{s}' (allowed: simpy, ns3)");
            const ulong seed = 42;
            var output = parse.InvocationConfiguration.Output;
            var progress = ProgressReporter.For(parse);
            var figures = BenchHeader.For(parse);
            progress.Line($"malam4com: {n:N0} agents, {r} rounds");
            var ours = PeerRoundScenario.Run(n, r, seed, parse.GetValue(partitions), parse.GetValue(threads), k => progress.Step(k.SimulatedUs, k.EndTimeUs, "simulated us"));
            progress.Done();
            var results = new List<PeerResult> { ours };
            figures["agents"] = n;
            figures["rounds"] = r;
            figures["ours_events_per_s"] = ours.EventsPerSecond;
            string? peers = PeerRunner.FindPeersFolder();
            foreach (var name in PeerNames)
            {
                (PeerResult? Result, string? Why) peer = skipped.Contains(name) ? (null, "skipped (--skip)")
                    : peers is null ? (null, "bench/peers/ not found (run from the repository)")
                    : Run(name, peers, parse.GetValue(python)!, n, r, seed, progress);
                figures[$"{name}_events_per_s"] = peer.Result?.EventsPerSecond;
                figures[$"ratio_to_{name}"] = peer.Result is { } p ? ours.EventsPerSecond / p.EventsPerSecond : null;
                if (peer.Result is not null)
                    results.Add(peer.Result);
                else
                    parse.InvocationConfiguration.Error.WriteLine($"{name}: not run: {peer.Why}");
            }
            output.WriteLine($"{"simulator",10} {"deliveries",11} {"timers",9} {"events",10} {"wall s",8} {"events/s",12} {"ours/this",9}");
            foreach (var p in results)
                output.WriteLine($"{p.Simulator,10} {p.Delivered,11} {p.Timers,9} {p.Events,10} {p.WallSeconds,8:F2} {p.EventsPerSecond,12:N0} {ours.EventsPerSecond / p.EventsPerSecond,9:F2}");
            if (parse.GetValue(json) is { } path)
                Arguments.WriteJson(path, figures);
            return 0;
        });
        return command;
    }

    private static (PeerResult?, string?) Run(string name, string peers, string python, int agents, int rounds, ulong seed, ProgressReporter progress)
    {
        progress.Line($"{name}: {agents:N0} agents, {rounds} rounds");
        return name == "simpy" ? PeerRunner.SimPy(peers, python, agents, rounds, seed) : PeerRunner.Ns3(peers, agents, rounds, seed);
    }
}
