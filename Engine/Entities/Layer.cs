namespace MaLAM4Com.Engine.Entities;

/// <summary>
/// The layer an entity belongs to (for example <c>agent</c> or <c>edge</c>): faults can take down a
/// layer's links, and traces group by it. A scenario defines its layers once and uses those values.
/// </summary>
public readonly record struct Layer
{
    public Layer(string name)
    {
        if (name.Length == 0 || name.Contains('-') || name.Any(char.IsWhiteSpace))
            throw new ArgumentException($"a layer name is one word without '-' (entity names are layer-index); got '{name}'", nameof(name));
        Name = name;
    }

    public string Name { get; }

    public override string ToString() => Name;
}
