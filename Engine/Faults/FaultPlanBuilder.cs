using MaLAM4Com.Engine.Config;
using MaLAM4Com.Engine.Entities;

namespace MaLAM4Com.Engine.Faults;

/// <summary>Resolves configured faults (by name) against a topology into a <see cref="FaultPlan"/>; unknown names fail with the key that named them.</summary>
public static class FaultPlanBuilder
{
    public static FaultPlan Build(FaultSettings settings, Topology topology, ulong seed)
    {
        var downs = settings.LinkDowns.Select(d => new LinkDownWindow(Scope(d, topology), d.FromUs, d.ToUs)).ToList();
        var crashes = settings.Crashes.Select(c => new NodeCrash(Entity(c.Node, c.Source, topology), c.AtUs, c.RestartAtUs, c.Restore)).ToList();
        foreach (var group in crashes.GroupBy(c => c.Entity))
        {
            var ordered = group.OrderBy(c => c.AtUs).ToList();
            for (int i = 1; i < ordered.Count; i++)
            {
                if (ordered[i - 1].RestartAtUs is not { } back || back > ordered[i].AtUs)
                    throw new ConfigException($"crashes of '{topology.Names[group.Key]}' overlap: a node must restart before it can crash again");
            }
        }
        var partitions = settings.Partitions.Select(p =>
        {
            var groupOf = new Dictionary<int, int>();
            for (int g = 0; g < p.Groups.Count; g++)
            {
                // An empty group separates nothing: likely a stray '|' or an empty string in the list.
                if (p.Groups[g].Count == 0)
                    throw new ConfigException(p.Source, $"[{string.Join(", ", p.Groups.Select(n => $"\"{string.Join(",", n)}\""))}]",
                        $"group {g + 1} names no entity; every group lists at least one entity name");
                foreach (var name in p.Groups[g])
                {
                    if (!groupOf.TryAdd(Entity(name, p.Source, topology), g))
                        throw new ConfigException(p.Source, name, "an entity may be in only one group of a partition");
                }
            }
            return new NetworkPartition(groupOf, p.FromUs, p.ToUs, string.Join(" | ", p.Groups.Select(g => string.Join(",", g))));
        }).ToList();
        return new FaultPlan(downs, partitions, crashes, settings.Loss.Factory(seed), topology.Layers);
    }

    private static LinkScope Scope(LinkDownSpec d, Topology topology)
    {
        switch (d.Scope)
        {
            case "link":
                var ends = d.Target.Split("<->", StringSplitOptions.TrimEntries);
                if (ends.Length != 2)
                    throw new ConfigException(d.Source, d.Target, "a link is written \"a<->b\" with two entity names");
                int a = Entity(ends[0], d.Source, topology), b = Entity(ends[1], d.Source, topology);
                if (a == b)
                    throw new ConfigException(d.Source, d.Target, "a link joins two different entities; to take down all links of one, use node=NAME");
                if (!topology.Linked(a, b))
                    throw new ConfigException(d.Source, d.Target, $"{ends[0]} and {ends[1]} exchange no messages; {ends[0]} is linked to {topology.DescribeLinksOf(a)}");
                return new LinkScope(LinkScopeKind.Link, a, b, null, $"{ends[0]}<->{ends[1]}");
            case "node":
                return new LinkScope(LinkScopeKind.Node, Entity(d.Target, d.Source, topology), -1, null, d.Target);
            default:
                if (!topology.HasLayer(d.Target))
                    throw new ConfigException(d.Source, d.Target, $"unknown layer; layers are {string.Join(", ", topology.Layers.Distinct())}");
                return new LinkScope(LinkScopeKind.Layer, -1, -1, d.Target, $"layer {d.Target}");
        }
    }

    private static int Entity(string name, string source, Topology topology) =>
        topology.TryIndexOf(name, out int i) ? i : throw new ConfigException(source, name, $"unknown entity; entities are {topology.DescribeNames()}");
}
