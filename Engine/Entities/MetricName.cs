namespace MaLAM4Com.Engine.Entities;

/// <summary>
/// The name of a metric an entity records (<see cref="SimEntityActor.Metric"/>), as it appears in the
/// trace. Define each once, as a static field beside the entities that record it, and read traces with
/// the same field: the name is then written in one place and never matched by hand.
/// </summary>
public sealed record MetricName
{
    public MetricName(string name)
    {
        if (name.Length == 0 || !name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_'))
            throw new ArgumentException($"a metric name is lowercase letters, digits and '_' (got '{name}')", nameof(name));
        Name = name;
    }

    public string Name { get; }

    public override string ToString() => Name;
}
