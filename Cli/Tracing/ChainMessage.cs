using System.Globalization;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>One message of a causal chain: its records (send, then deliver or drop) and the messages it caused.</summary>
public sealed class ChainMessage(long id)
{
    public long Id { get; } = id;
    public List<TraceEntry> Records { get; } = [];
    public List<ChainMessage> Children { get; } = [];
    public long? Parent => Records.Count == 0 ? null : Records[0].Parent;

    /// <summary>"42 Embedding agent-17 -> edge-0, 1024 B, round 3: send 1.000000s, drop 1.000100s (loss-iid)".</summary>
    public string Describe()
    {
        if (Records.Count == 0)
            return $"{Id} (no records)";
        var first = Records[0];
        var round = first.Round is { } r ? $", round {r.ToString(CultureInfo.InvariantCulture)}" : "";
        var events = string.Join(", ", Records.Select(e =>
            $"{e.Kind.Name()} {SimTimeText.Format(e.TimeUs)}{(e.Reason is null ? "" : $" ({e.Reason})")}"));
        return $"{Id} {first.Type} {first.From} -> {first.To}, {first.Bytes.ToString(CultureInfo.InvariantCulture)} B{round}: {events}";
    }
}
