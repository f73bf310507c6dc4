using System.CommandLine;
using MaLAM4Com.Cli.Scenarios;
using MaLAM4Com.Engine.Cluster;

namespace MaLAM4Com.Cli.Commands;

/// <summary><c>malam4com node</c>: a cluster member that hosts partitions of the runs a driver places on it, until stopped.</summary>
public static class NodeCommand
{
    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "seed: the others join through it (it joins itself when --seed-nodes is left out); worker: joins the seed nodes.", DefaultValueFactory = _ => "worker" };
        var cluster = new ClusterOptions(defaultPort: 4053);
        var command = new Command("node", """
            Start a cluster member on HOST:PORT. It hosts the partitions (channel environment and its
            agents) that 'malam4com run --cluster' places on it, and runs until Ctrl+C (it then leaves
            the cluster) or until the cluster downs it. Members find each other through the seed nodes.
            Examples:
              malam4com node --role seed --port 4053
              malam4com node --role worker --port 4054 --seed-nodes 127.0.0.1:4053
            """)
        {
            role,
        };
        foreach (var option in cluster.All)
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var r = parse.GetValue(role)!;
            if (r is not ("seed" or "worker"))
                throw new UsageException($"--role must be seed or worker, got '{r}'");
            var (host, port) = cluster.Self(parse);
            if (r == "seed" && port == 0)
                throw new UsageException("--port: a seed node needs a fixed port (the others join it there)");
            var seeds = cluster.Seeds(parse, r == "seed" ? ClusterMember.Address(host, port) : null);
            var output = parse.InvocationConfiguration.Output;
            using var system = ClusterMember.Start(host, port, seeds, r, ClusterTimings.Default, CooperationRun.BuildCapped);
            var self = Akka.Cluster.Cluster.Get(system);
            self.RegisterOnMemberUp(() => output.WriteLine($"member {self.SelfAddress} ({r}) is up; waiting for runs (Ctrl+C to leave)"));
            output.WriteLine($"member {self.SelfAddress} ({r}) joining {string.Join(", ", seeds)}");
            system.WhenTerminated.GetAwaiter().GetResult();
            output.WriteLine($"member {self.SelfAddress} has left the cluster");
            return 0;
        });
        return command;
    }
}
