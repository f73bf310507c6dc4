using System.CommandLine;
using System.Text.Json.Nodes;
using MaLAM4Com.Cli.Bench;

namespace MaLAM4Com.Cli.Commands;

/// <summary><c>malam4com bench kernel</c>: simulated messages per second against a plain Akka.NET Tell loop.</summary>
public static class BenchKernelCommand
{
    public static Command Create()
    {
        var entities = new Option<string>("--entities") { Description = "Comma-separated population sizes.", DefaultValueFactory = _ => "1000,10000,100000" };
        var fanout = new Option<int>("--fanout") { Description = "Messages each entity keeps in flight.", DefaultValueFactory = _ => 16 };
        var simTime = new Option<string>("--sim-time") { Description = "Simulated time per population (us, ms or s).", DefaultValueFactory = _ => "30ms" };
        var partitions = new Option<int>("--partitions") { Description = "Channel-environment partitions (0: one per core).", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "Dispatcher threads (0: the .NET thread pool).", DefaultValueFactory = _ => 0 };
        var json = new Option<string?>("--json") { Description = "Also write the figures to this JSON file." };
        var command = new Command("kernel", """
            N entities exchange messages through the channel environment with random link delays for a
            fixed simulated time; a plain Akka.NET Tell loop of the same message count is the ceiling.
            Example: malam4com bench kernel --entities 1000,100000 --json kernel.json
            """)
        {
            entities, fanout, simTime, partitions, threads, json,
        };
        command.SetAction(parse =>
        {
            var sizes = Arguments.PositiveIntList(parse.GetValue(entities)!, "--entities");
            int f = Arguments.Positive(parse.GetValue(fanout), "--fanout");
            long simUs = Arguments.Duration(parse.GetValue(simTime)!, "--sim-time");
            var jsonPath = parse.GetValue(json);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"{"entities",10} {"messages",12} {"sim msg/s",12} {"akka msg/s",12} {"akka/sim",9} {"peak MB",9}");
            var figures = BenchHeader.For(parse);
            var progress = ProgressReporter.For(parse);
            foreach (int n in sizes)
            {
                var p = KernelBenchmark.Run(n, f, simUs, parse.GetValue(partitions), parse.GetValue(threads), 42,
                    k => progress.Step(k.SimulatedUs, simUs, $"{n} entities, simulated us"));
                progress.Done();
                output.WriteLine($"{p.Entities,10} {p.Messages,12} {p.SimMessagesPerSecond,12:N0} {p.AkkaMessagesPerSecond,12:N0} {p.RatioToAkka,9:F2} {p.PeakMemoryMb,9:F0}");
                figures[n.ToString()] = new JsonObject
                {
                    ["sim_msgs_per_s"] = p.SimMessagesPerSecond,
                    ["akka_msgs_per_s"] = p.AkkaMessagesPerSecond,
                    ["ratio_to_akka"] = p.RatioToAkka,
                    ["peak_mem_mb"] = p.PeakMemoryMb,
                };
            }
            if (jsonPath is not null)
                Arguments.WriteJson(jsonPath, figures);
            return 0;
        });
        return command;
    }
}
