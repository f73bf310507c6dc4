using MaLAM4Com.Engine.Config;

namespace MaLAM4Com.Engine.Faults;

/// <summary>A link-down window as configured: by entity or layer name, resolved against the topology later. <c>Source</c> names where it came from, for errors.</summary>
public sealed record LinkDownSpec(string Scope, string Target, long FromUs, long ToUs, string Source);

/// <summary>A node crash as configured; restart time null means the node stays down.</summary>
public sealed record CrashSpec(string Node, long AtUs, long? RestartAtUs, bool Restore, string Source);

/// <summary>A network partition as configured: groups of entity names.</summary>
public sealed record PartitionSpec(IReadOnlyList<IReadOnlyList<string>> Groups, long FromUs, long ToUs, string Source);

/// <summary>All faults of <c>faults.*</c> plus those given with <c>--fault</c>.</summary>
public sealed record FaultSettings(LossSettings Loss, IReadOnlyList<LinkDownSpec> LinkDowns, IReadOnlyList<CrashSpec> Crashes, IReadOnlyList<PartitionSpec> Partitions)
{
    private static readonly string[] LinkDownScopes = ["link", "node", "layer"];

    /// <summary>
    /// Refuses a fault given on the command line (<paramref name="commandLineSource"/> starts its source) that starts
    /// at or after the run's end: it would do nothing, silently. A config file's faults may lie past a run shortened
    /// with fewer rounds; they describe the scenario, not this run.
    /// </summary>
    public void CheckStartsBefore(long endUs, string commandLineSource)
    {
        var late = LinkDowns.Select(d => (d.Source, d.FromUs)).Concat(Crashes.Select(c => (c.Source, FromUs: c.AtUs))).Concat(Partitions.Select(p => (p.Source, p.FromUs)))
            .FirstOrDefault(f => f.FromUs >= endUs && f.Source.StartsWith(commandLineSource, StringComparison.Ordinal));
        if (late.Source is not null)
            throw new ConfigException(late.Source, Durations.Format(late.FromUs), $"starts at or after the run's end ({Durations.Format(endUs)}), so it would do nothing; give a time before it");
    }

    public static FaultSettings Read(ConfigReader c)
    {
        var downs = c.Objects("faults.link-down").Select(o =>
        {
            o.OnlyFields("link", "node", "layer", "from", "to");
            var scopes = LinkDownScopes.Where(o.Has).ToList();
            if (scopes.Count != 1)
                throw new ConfigException(o.Key(""), null, "a link-down entry needs exactly one of link = \"a<->b\", node = \"name\" or layer = \"name\"");
            var (from, to) = Window(o);
            return new LinkDownSpec(scopes[0], o.String(scopes[0]), from, to, o.Key(scopes[0]));
        }).ToList();
        var crashes = c.Objects("faults.crashes").Select(o =>
        {
            o.OnlyFields("node", "at", "restart-at", "restore");
            long at = o.Duration("at");
            long? restart = o.Has("restart-at") ? o.Duration("restart-at") : null;
            if (restart is { } r && r <= at)
                throw new ConfigException(o.Key("restart-at"), Durations.Format(r), $"must be after 'at' ({Durations.Format(at)})");
            return new CrashSpec(o.String("node"), at, restart, o.Has("restore") && o.Bool("restore"), o.Key("node"));
        }).ToList();
        var partitions = c.Objects("faults.partitions").Select(o =>
        {
            o.OnlyFields("groups", "from", "to");
            var groups = o.Strings("groups").Select(g => (IReadOnlyList<string>)g.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (groups.Count < 1)
                throw new ConfigException(o.Key("groups"), "[]", "needs at least one group, e.g. [\"edge-0,agent-0\", \"cloud\"]");
            var (from, to) = Window(o);
            return new PartitionSpec(groups, from, to, o.Key("groups"));
        }).ToList();
        return new FaultSettings(LossSettings.Read(c), downs, crashes, partitions);
    }

    private static (long From, long To) Window(ConfigReader o)
    {
        long from = o.Duration("from");
        long to = o.Duration("to");
        if (to <= from)
            throw new ConfigException(o.Key("to"), Durations.Format(to), $"must be after 'from' ({Durations.Format(from)})");
        return (from, to);
    }

    public FaultSettings With(FaultSettings more) => new(
        more.Loss.Model == LossSettings.None ? Loss : more.Loss,
        LinkDowns.Concat(more.LinkDowns).ToList(),
        Crashes.Concat(more.Crashes).ToList(),
        Partitions.Concat(more.Partitions).ToList());
}
