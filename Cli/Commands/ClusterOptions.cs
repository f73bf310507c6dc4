using System.CommandLine;
using System.Globalization;
using MaLAM4Com.Engine.Cluster;

namespace MaLAM4Com.Cli.Commands;

/// <summary>The options that make a process a cluster member: where it listens and which seed nodes it joins.</summary>
public sealed class ClusterOptions
{
    public ClusterOptions(int defaultPort)
    {
        Port = new Option<int>("--port") { Description = "TCP port this member listens on (0: any free port).", DefaultValueFactory = _ => defaultPort };
    }

    public Option<string> Host { get; } = new("--host") { Description = "Address this member listens on and is reached at.", DefaultValueFactory = _ => "127.0.0.1" };

    public Option<int> Port { get; }

    public Option<string?> SeedNodes { get; } = new("--seed-nodes") { Description = "Comma-separated seed members to join, HOST:PORT or akka.tcp://malam4com@HOST:PORT." };

    public IEnumerable<Option> All => [Host, Port, SeedNodes];

    public (string Host, int Port) Self(ParseResult parse)
    {
        int port = parse.GetValue(Port);
        if (port is < 0 or > 65535)
            throw new UsageException($"--port must be in 0..65535, got {port}");
        return (parse.GetValue(Host)!, port);
    }

    /// <summary>The seed nodes as Akka addresses; <paramref name="fallback"/> when none are given (null: they are required).</summary>
    public IReadOnlyList<string> Seeds(ParseResult parse, string? fallback)
    {
        var text = parse.GetValue(SeedNodes);
        if (string.IsNullOrWhiteSpace(text))
            return fallback is not null ? [fallback] : throw new UsageException("--seed-nodes is required: the members to join, e.g. --seed-nodes 127.0.0.1:4053");
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Seed).ToList();
    }

    private static string Seed(string text)
    {
        if (text.StartsWith("akka.tcp://", StringComparison.Ordinal))
            return text;
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            throw new UsageException($"--seed-nodes: '{text}' is not HOST:PORT (port 1..65535) or akka.tcp://{ClusterMember.SystemName}@HOST:PORT");
        return ClusterMember.Address(text[..colon], port);
    }
}
