namespace MaLAM4Com.Cli.Tracing;

/// <summary>Entity names are "layer-index" (agent-17, edge-0) or a bare layer (cloud).</summary>
public static class EntityName
{
    /// <summary>The name's prefix before its last '-', or the whole name when it has none.</summary>
    public static ReadOnlySpan<char> Layer(string name)
    {
        int dash = name.LastIndexOf('-');
        return dash <= 0 ? name : name.AsSpan(0, dash);
    }

    /// <summary>
    /// Whether <paramref name="name"/> is the entity <paramref name="pattern"/> names. A pattern
    /// "x-N" matches entity N of any layer that starts with x, so "a-17" finds "agent-17"; a pattern
    /// without '-' must equal the name.
    /// </summary>
    public static bool Matches(string name, string pattern)
    {
        int dash = pattern.LastIndexOf('-');
        if (dash <= 0)
            return name == pattern;
        int nameDash = name.LastIndexOf('-');
        return nameDash > 0
            && name.AsSpan(nameDash + 1).SequenceEqual(pattern.AsSpan(dash + 1))
            && name.AsSpan(0, nameDash).StartsWith(pattern.AsSpan(0, dash));
    }
}
