namespace MaLAM4Com.Engine.Entities;

/// <summary>The entities of a run, indexed 0..N-1 in the order given, with name and layer look-ups and which pairs exchange messages.</summary>
public sealed class Topology
{
    private readonly Dictionary<string, int> _byName;
    private readonly HashSet<string> _layers;
    private readonly Func<int, int, bool> _linked;
    private readonly Func<int, int>? _placementGroup;

    /// <param name="entities">The entities, in index order.</param>
    /// <param name="linked">Whether two entities (by index) exchange messages, for checking faults that name a link; null: any two may.</param>
    /// <param name="placementGroup">
    /// Each entity's placement group, a number >= 0: the kernel keeps a group's entities in one partition where it can
    /// (the kernel's partition map), so give those that exchange most the same one. Null: each entity is its own group.
    /// </param>
    public Topology(IReadOnlyList<EntitySpec> entities, Func<int, int, bool>? linked = null, Func<int, int>? placementGroup = null)
    {
        _linked = linked ?? ((_, _) => true);
        _placementGroup = placementGroup;
        if (entities.Count == 0)
            throw new ArgumentException("a simulation needs at least one entity", nameof(entities));
        Entities = entities;
        _byName = new Dictionary<string, int>(entities.Count, StringComparer.Ordinal);
        for (int i = 0; i < entities.Count; i++)
        {
            if (!_byName.TryAdd(entities[i].Name, i))
                throw new ArgumentException($"two entities are named '{entities[i].Name}'", nameof(entities));
        }
        Names = entities.Select(e => e.Name).ToArray();
        Layers = entities.Select(e => e.Layer.Name).ToArray();
        _layers = new HashSet<string>(Layers, StringComparer.Ordinal);
    }

    public IReadOnlyList<EntitySpec> Entities { get; }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<string> Layers { get; }

    public int Count => Entities.Count;

    public bool HasLayer(string layer) => _layers.Contains(layer);

    /// <summary>The placement group of entity <paramref name="entity"/> (its own index when none was given).</summary>
    public int PlacementGroup(int entity) => _placementGroup?.Invoke(entity) ?? entity;

    public bool TryIndexOf(string name, out int index) => _byName.TryGetValue(name, out index);

    /// <summary>Whether entities <paramref name="a"/> and <paramref name="b"/> exchange messages (in either direction).</summary>
    public bool Linked(int a, int b) => a != b && (_linked(a, b) || _linked(b, a));

    /// <summary>A short description of the valid names, for error messages.</summary>
    public string DescribeNames() => Describe(Enumerable.Range(0, Count));

    /// <summary>A short description of the entities <paramref name="entity"/> exchanges messages with, for error messages.</summary>
    public string DescribeLinksOf(int entity) => Describe(Enumerable.Range(0, Count).Where(i => Linked(entity, i)));

    private string Describe(IEnumerable<int> entities)
    {
        var parts = entities.GroupBy(i => Layers[i]).Select(layer =>
        {
            var names = layer.Select(i => Names[i]).ToList();
            return names.Count <= 3 ? string.Join(", ", names) : $"{names[0]} .. {names[^1]} ({names.Count} {layer.Key} entities)";
        });
        return string.Join("; ", parts);
    }
}
