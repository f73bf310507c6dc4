namespace MaLAM4Com.Engine.Faults;

/// <summary>What a link-down window takes down: one link (both directions), every link of a node, or every link of a layer's nodes.</summary>
public enum LinkScopeKind
{
    Link,
    Node,
    Layer,
}

/// <summary>A resolved target of a link-down window. For a link, A and B are its endpoints; for a node, A; for a layer, Layer.</summary>
public sealed record LinkScope(LinkScopeKind Kind, int A, int B, string? Layer, string Description)
{
    public bool Covers(int from, int to, IReadOnlyList<string> layers) => Kind switch
    {
        LinkScopeKind.Link => (from == A && to == B) || (from == B && to == A),
        LinkScopeKind.Node => from == A || to == A,
        _ => layers[from] == Layer || layers[to] == Layer,
    };
}
