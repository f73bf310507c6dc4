using System.Globalization;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// Counts and byte totals over a trace, built record by record so a trace of any size streams
/// through. Memory is bounded by the number of distinct message types, outcomes, drop reasons,
/// layers and rounds (all small), plus <see cref="TopLinkCapacity"/> link counters: per-link drop
/// counts use a Space-Saving sketch, since links grow with the number of agents.
/// </summary>
public sealed class TraceSummary
{
    public const int TopLinkCapacity = 4096;
    private const int RoundlessKey = -1;

    private readonly Dictionary<string, MessageTally> _bytesByLayer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MessageTally>.AlternateLookup<ReadOnlySpan<char>> _layerLookup;

    public TraceSummary() => _layerLookup = _bytesByLayer.GetAlternateLookup<ReadOnlySpan<char>>();

    public long Records { get; private set; }
    public long FirstTimeUs { get; private set; } = long.MaxValue;
    public long LastTimeUs { get; private set; } = long.MinValue;
    public SortedDictionary<TraceKind, long> ByOutcome { get; } = new();
    public SortedDictionary<string, MessageTally> MessagesByType { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, long> DropsByReason { get; } = new(StringComparer.Ordinal);

    /// <summary>Bytes by the layer of the sending entity.</summary>
    public IReadOnlyDictionary<string, MessageTally> BytesByLayer => _bytesByLayer;

    /// <summary>Bytes by round; messages outside any round are under -1.</summary>
    public SortedDictionary<int, MessageTally> BytesByRound { get; } = new();
    public SpaceSavingCounter<(string From, string To)> DropsByLink { get; } = new(TopLinkCapacity);

    public static TraceSummary Of(IEnumerable<TraceEntry> entries)
    {
        var summary = new TraceSummary();
        foreach (var e in entries)
            summary.Add(e);
        return summary;
    }

    public void Add(TraceEntry e)
    {
        Records++;
        FirstTimeUs = Math.Min(FirstTimeUs, e.TimeUs);
        LastTimeUs = Math.Max(LastTimeUs, e.TimeUs);
        ByOutcome[e.Kind] = ByOutcome.GetValueOrDefault(e.Kind) + 1;
        if (!e.IsMessage)
            return;
        MessagesByType.GetOrAdd(e.Type!).Add(e.Kind, 1);
        var layer = EntityName.Layer(e.From!);
        if (!_layerLookup.TryGetValue(layer, out var byLayer))
            _layerLookup[layer] = byLayer = new MessageTally();
        byLayer.Add(e.Kind, e.Bytes);
        BytesByRound.GetOrAdd(e.Round ?? RoundlessKey).Add(e.Kind, e.Bytes);
        if (e.Kind == TraceKind.Drop)
        {
            var reason = e.Reason ?? "unknown";
            DropsByReason[reason] = DropsByReason.GetValueOrDefault(reason) + 1;
            DropsByLink.Add((e.From!, e.To!));
        }
    }

    public void WriteText(TextWriter w, int topLinks = 10)
    {
        w.WriteLine(Records == 0
            ? "Records: 0"
            : $"Records: {N(Records)} (t from {SimTimeText.Format(FirstTimeUs)} to {SimTimeText.Format(LastTimeUs)})");
        Section(w, "By outcome (ev)", "count", ByOutcome.Select(p => (p.Key.Name(), new[] { p.Value })));
        Section(w, "Messages by type", "sent delivered dropped", MessagesByType.Select(p => (p.Key, Columns(p.Value))));
        Section(w, "Drops by reason", "count", DropsByReason.Select(p => (p.Key, new[] { p.Value })));
        Section(w, "Bytes by sender layer", "sent delivered dropped",
            _bytesByLayer.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, Columns(p.Value))));
        Section(w, "Bytes by round", "sent delivered dropped",
            BytesByRound.Select(p => (p.Key == RoundlessKey ? "(none)" : p.Key.ToString(CultureInfo.InvariantCulture), Columns(p.Value))));
        Section(w, "Top links by drops", "drops",
            DropsByLink.Top(topLinks).Select(i => ($"{i.Key.From} -> {i.Key.To}", new[] { i.Count })));
        if (DropsByLink.IsApproximate)
            w.WriteLine($"  (more than {N(TopLinkCapacity)} links had drops: link counts are Space-Saving estimates, possibly too high)");
    }

    private static long[] Columns(MessageTally t) => [t.Sent, t.Delivered, t.Dropped];

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static void Section(TextWriter w, string title, string columns, IEnumerable<(string Key, long[] Values)> rows)
    {
        var list = rows.ToList();
        w.WriteLine();
        var headers = columns.Split(' ');
        int keyWidth = Math.Max(title.Length, list.Count == 0 ? 0 : list.Max(r => r.Key.Length + 2));
        w.WriteLine(title.PadRight(keyWidth) + string.Concat(headers.Select(h => h.PadLeft(16))));
        if (list.Count == 0)
            w.WriteLine("  (none)");
        foreach (var (key, values) in list)
            w.WriteLine(("  " + key).PadRight(keyWidth) + string.Concat(values.Select(v => N(v).PadLeft(16))));
    }
}
