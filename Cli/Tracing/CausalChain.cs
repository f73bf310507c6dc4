using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// The causal chain of one message: its ancestors (through "parent") and its descendants.
/// Found in two streaming passes, relying on a parent's records preceding its children's in the
/// trace (a message is sent while handling its parent's delivery, which is later in simulated time):
/// a backward pass collects the ancestors, keeping only the chain's own records (memory grows with
/// its depth); a forward pass collects descendants, at most <c>maxDescendants</c> messages (a root
/// broadcast can cause most of a run), so memory stays bounded whatever the trace size.
/// </summary>
public sealed class CausalChain
{
    public const int MaxIndent = 24;

    private CausalChain(ChainMessage root, ChainMessage target, int depth, int descendants, bool truncated)
    {
        Root = root;
        Target = target;
        Depth = depth;
        Descendants = descendants;
        Truncated = truncated;
    }

    /// <summary>The oldest ancestor found (the target itself when it has no parent).</summary>
    public ChainMessage Root { get; }
    public ChainMessage Target { get; }

    /// <summary>Number of ancestors above the target.</summary>
    public int Depth { get; }
    public int Descendants { get; }

    /// <summary>True when descendants beyond the limit were left out.</summary>
    public bool Truncated { get; }

    /// <summary>The chain of message <paramref name="id"/>, or null when the trace has no such message.</summary>
    public static CausalChain? Follow(string path, long id, int maxDescendants = 10_000)
    {
        var ancestry = FindAncestry(path, id);
        if (ancestry is null)
            return null;
        var target = ancestry[^1];
        var (descendants, truncated) = CollectDescendants(path, target, maxDescendants);
        for (int i = 0; i < ancestry.Count - 1; i++)
            ancestry[i].Children.Add(ancestry[i + 1]);
        return new CausalChain(ancestry[0], target, ancestry.Count - 1, descendants, truncated);
    }

    /// <summary>Ancestors root first, ending with the message itself; null when it is not in the trace.</summary>
    private static List<ChainMessage>? FindAncestry(string path, long id)
    {
        var chain = new List<ChainMessage> { new(id) };
        var members = new Dictionary<long, ChainMessage> { [id] = chain[0] };
        foreach (var e in TraceFile.ReadBackward(path))
        {
            if (!e.IsMessage || !members.TryGetValue(e.Id, out var message))
                continue;
            message.Records.Insert(0, e);
            if (message != chain[^1])
                continue;
            if (e.Parent is { } parent && !members.ContainsKey(parent))
            {
                var older = new ChainMessage(parent);
                chain.Add(older);
                members.Add(parent, older);
            }
            else if (e.Parent is null && e.Kind == TraceKind.Send)
                break;
        }
        if (chain[0].Records.Count == 0)
            return null;
        if (chain[^1].Records.Count == 0)
            chain.RemoveAt(chain.Count - 1);
        chain.Reverse();
        return chain;
    }

    private static (int Count, bool Truncated) CollectDescendants(string path, ChainMessage target, int max)
    {
        var members = new Dictionary<long, ChainMessage>();
        bool truncated = false;
        foreach (var e in TraceFile.Read(path))
        {
            if (!e.IsMessage || e.Id == target.Id)
                continue;
            if (members.TryGetValue(e.Id, out var known))
                known.Records.Add(e);
            else if (e.Parent is { } parent && (parent == target.Id || members.ContainsKey(parent)))
            {
                if (members.Count == max)
                {
                    truncated = true;
                    continue;
                }
                var message = new ChainMessage(e.Id);
                message.Records.Add(e);
                members.Add(e.Id, message);
                (parent == target.Id ? target : members[parent]).Children.Add(message);
            }
        }
        return (members.Count, truncated);
    }

    /// <summary>The chain as an indented tree, two spaces a level (up to <see cref="MaxIndent"/>); the target's line starts with "*".</summary>
    public void Write(TextWriter w)
    {
        w.WriteLine($"Causal chain of message {Target.Id}: {Depth} ancestor(s), {Descendants} descendant(s)");
        WriteNode(w, Root, 0);
        if (Truncated)
            w.WriteLine($"(descendants beyond {Descendants} left out)");
    }

    private void WriteNode(TextWriter w, ChainMessage m, int level)
    {
        // Chains across many rounds are hundreds deep: past MaxIndent levels the depth is a number.
        var indent = level < MaxIndent ? new string(' ', 2 * level) : $"{new string(' ', 2 * MaxIndent)}[{level}] ";
        w.WriteLine($"{indent}{(m == Target ? "*" : "-")} {m.Describe()}");
        foreach (var child in m.Children)
            WriteNode(w, child, level + 1);
    }
}
