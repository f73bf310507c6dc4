using MaLAM4Com.Cli.Tracing;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Tests.Tracing;

public sealed class CausalChainTests : IDisposable
{
    private readonly SampleTrace _trace = new();

    public void Dispose() => _trace.Dispose();

    private static IEnumerable<long> Path(ChainMessage root, long target)
    {
        for (var m = root; ; m = Assert.Single(m.Children, c => Contains(c, target)))
        {
            yield return m.Id;
            if (m.Id == target)
                yield break;
        }
    }

    private static bool Contains(ChainMessage m, long id) => m.Id == id || m.Children.Any(c => Contains(c, id));

    [Fact]
    public void FindsAncestorsAcrossRounds()
    {
        var target = _trace.IdOf("Aggregate", "edge-1", "cloud", 1);
        var chain = CausalChain.Follow(_trace.Path, target)!;
        long[] expected =
        [
            _trace.IdOf("Model", "cloud", "edge-0", 0),
            _trace.IdOf("Model", "edge-0", "agent-0", 0),
            _trace.IdOf("Embedding", "agent-0", "edge-0", 0),
            _trace.IdOf("Aggregate", "edge-0", "cloud", 0),
            _trace.IdOf("Model", "cloud", "edge-1", 1),
            _trace.IdOf("Model", "edge-1", "agent-2", 1),
            _trace.IdOf("Embedding", "agent-2", "edge-1", 1),
            target,
        ];
        Assert.Equal(expected, Path(chain.Root, target));
        Assert.Equal(7, chain.Depth);
        Assert.Equal(0, chain.Descendants);
        Assert.Null(chain.Root.Parent);
        Assert.Equal([TraceKind.Send, TraceKind.Deliver], chain.Target.Records.Select(e => e.Kind));
    }

    [Fact]
    public void FindsAllDescendantsWithTheirRecords()
    {
        var target = _trace.IdOf("Embedding", "agent-0", "edge-0", 0);
        var chain = CausalChain.Follow(_trace.Path, target)!;
        Assert.Equal(2, chain.Depth);
        var aggregate = Assert.Single(chain.Target.Children);
        Assert.Equal(_trace.IdOf("Aggregate", "edge-0", "cloud", 0), aggregate.Id);
        Assert.Equal(2, aggregate.Children.Count);
        Assert.Equal(13, chain.Descendants);
        Assert.False(chain.Truncated);
        var dropped = _trace.IdOf("Embedding", "agent-3", "edge-1", 1);
        Assert.Equal(dropped, Path(chain.Root, dropped).Last());
    }

    [Fact]
    public void StopsCollectingDescendantsAtTheLimit()
    {
        var chain = CausalChain.Follow(_trace.Path, _trace.IdOf("Model", "cloud", "edge-0", 0), maxDescendants: 3)!;
        Assert.True(chain.Truncated);
        Assert.Equal(3, chain.Descendants);
    }

    [Fact]
    public void AnUnknownMessageHasNoChain() => Assert.Null(CausalChain.Follow(_trace.Path, 12345));

    [Fact]
    public void WritesAnIndentedTreeMarkingTheMessage()
    {
        var target = _trace.IdOf("Model", "edge-0", "agent-1", 0);
        var output = new StringWriter();
        CausalChain.Follow(_trace.Path, target)!.Write(output);
        var lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal($"Causal chain of message {target}: 1 ancestor(s), 1 descendant(s)", lines[0]);
        Assert.Equal($"- {_trace.IdOf("Model", "cloud", "edge-0", 0)} Model cloud -> edge-0, 4096 B, round 0: send 0.000000s, deliver 0.001000s", lines[1]);
        Assert.Equal($"  * {target} Model edge-0 -> agent-1, 4096 B, round 0: send 0.002000s, deliver 0.003000s", lines[2]);
        Assert.Equal($"    - {_trace.IdOf("Embedding", "agent-1", "edge-0", 0)} Embedding agent-1 -> edge-0, 1024 B, round 0: send 0.005000s, drop 0.005100s (loss-iid)", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void DeepChainsNumberTheirLevelsPastTheIndentLimit()
    {
        var path = System.IO.Path.Combine(_trace.Directory, "deep.jsonl");
        const int Length = CausalChain.MaxIndent + 6;
        using (var writer = new JsonLinesTraceWriter(path, ["edge-0", "cloud"]))
        {
            for (uint i = 0; i < Length; i++)
            {
                long parent = i == 0 ? TraceRecord.NoParent : MessageId.Make((int)(i - 1) % 2, i - 1);
                writer.Write(TraceRecord.Message(TraceKind.Send, i, MessageId.Make((int)i % 2, i), parent, (int)i % 2, (int)(i + 1) % 2, "Hop", 8, 0));
            }
            writer.Complete();
        }
        var output = new StringWriter();
        var last = MessageId.Make((Length - 1) % 2, Length - 1);
        CausalChain.Follow(path, last)!.Write(output);
        var lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(Length + 1, lines.Length);
        var indent = new string(' ', 2 * CausalChain.MaxIndent);
        Assert.StartsWith($"{new string(' ', 2 * (CausalChain.MaxIndent - 1))}- ", lines[CausalChain.MaxIndent]);
        Assert.StartsWith($"{indent}[{CausalChain.MaxIndent}] - ", lines[CausalChain.MaxIndent + 1]);
        Assert.StartsWith($"{indent}[{Length - 1}] * {last} Hop", lines[^1]);
    }
}
