namespace MaLAM4Com.Engine.Entities;

/// <summary>The entities of a run, indexed 0..N-1 in the order given, with name and layer look-ups.</summary>
public sealed class Topology
{
    private readonly Dictionary<string, int> _byName;
    private readonly HashSet<string> _layers;

    public Topology(IReadOnlyList<EntitySpec> entities)
    {
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

    public bool TryIndexOf(string name, out int index) => _byName.TryGetValue(name, out index);

    /// <summary>A short description of the valid names, for error messages.</summary>
    public string DescribeNames()
    {
        var parts = Layers.Distinct().Select(layer =>
        {
            var names = Enumerable.Range(0, Count).Where(i => Layers[i] == layer).Select(i => Names[i]).ToList();
            return names.Count <= 3 ? string.Join(", ", names) : $"{names[0]} .. {names[^1]} ({names.Count} {layer} entities)";
        });
        return string.Join("; ", parts);
    }
}
