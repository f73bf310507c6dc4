using System.CommandLine;
using System.Text.Json.Nodes;
using MaLAM4Com.Cli.Bench;

namespace MaLAM4Com.Cli.Commands;

/// <summary><c>malam4com bench cluster</c>: simulated messages per second on 1, 2, 3 ... local cluster members.</summary>
public static class BenchClusterCommand
{
    public static Command Create()
    {
        var members = new Option<string>("--members") { Description = "Comma-separated member counts.", DefaultValueFactory = _ => "1,2,3" };
        var agents = new Option<int>("--agents") { Description = "Agents in the default scenario (three edges).", DefaultValueFactory = _ => 100_000 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds of the scenario.", DefaultValueFactory = _ => 5 };
        var json = new Option<string?>("--json") { Description = "Also write the figures to this JSON file." };
        var command = new Command("cluster", """
            The default scenario without tracing, first in one process (members 0), then on in-process
            clusters of each member count on loopback ports, one partition per member. Every exchange
            between members is serialized and crosses TCP: on one machine this measures the cluster's
            overhead, not a speed-up.
            Example: malam4com bench cluster --members 1,2,3 --agents 100000 --json cluster.json
            """)
        {
            members, agents, rounds, json,
        };
        command.SetAction(parse =>
        {
            var counts = Arguments.PositiveIntList(parse.GetValue(members)!, "--members");
            int n = Arguments.Positive(parse.GetValue(agents), "--agents");
            int r = Arguments.Positive(parse.GetValue(rounds), "--rounds");
            var output = parse.InvocationConfiguration.Output;
            var progress = ProgressReporter.For(parse);
            output.WriteLine($"{"members",8} {"partitions",10} {"messages",12} {"wall s",8} {"sim msg/s",12}");
            var figures = BenchHeader.For(parse);
            figures["agents"] = n;
            figures["rounds"] = r;
            foreach (int m in counts.Prepend(0))
            {
                var p = ClusterBenchmark.Run(m, n, r, k => progress.Step(k.SimulatedUs, k.EndTimeUs, m == 0 ? "one process, simulated us" : $"{m} members, simulated us"));
                progress.Done();
                output.WriteLine($"{(m == 0 ? "none" : m.ToString()),8} {p.Partitions,10} {p.Messages,12} {p.WallSeconds,8:F2} {p.SimMessagesPerSecond,12:N0}");
                figures[m == 0 ? "one_process" : $"members_{m}"] = new JsonObject
                {
                    ["partitions"] = p.Partitions,
                    ["messages"] = p.Messages,
                    ["wall_s"] = p.WallSeconds,
                    ["sim_msgs_per_s"] = p.SimMessagesPerSecond,
                };
            }
            if (parse.GetValue(json) is { } path)
                Arguments.WriteJson(path, figures);
            return 0;
        });
        return command;
    }
}
