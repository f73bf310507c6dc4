using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Tests.Cluster;

/// <summary>
/// Whether a trace accounts for its messages: every send has exactly one fate (a delivery or a drop),
/// and every delivery and drop has its send. <see cref="Unfated"/> sends are also what a run leaves in
/// flight at its end, so a run that ends with messages pending has some of those legitimately.
/// </summary>
public sealed record TraceAudit(long Sends, long Deliveries, long Drops, long MemberLostDrops, long Unfated, long MultiplyFated, long Orphaned, long DuplicateSends)
{
    public static TraceAudit Of(string path) => Of(TraceReader.Read(path));

    public static TraceAudit Of(IEnumerable<TraceEntry> entries)
    {
        var sends = new Dictionary<long, int>();
        var fates = new Dictionary<long, int>();
        long deliveries = 0, drops = 0, memberLost = 0, duplicates = 0;
        foreach (var e in entries)
        {
            switch (e.Kind)
            {
                case TraceKind.Send:
                    if (sends.TryAdd(e.Id, 0) is false)
                        duplicates++;
                    continue;
                case TraceKind.Deliver:
                    deliveries++;
                    break;
                case TraceKind.Drop:
                    drops++;
                    if (e.Reason == DropReason.MemberLost.Name())
                        memberLost++;
                    break;
                default:
                    continue;
            }
            fates[e.Id] = fates.GetValueOrDefault(e.Id) + 1;
        }
        long unfated = sends.Keys.Count(id => !fates.ContainsKey(id));
        long multiply = fates.Values.Count(n => n > 1);
        long orphaned = fates.Keys.Count(id => !sends.ContainsKey(id));
        return new TraceAudit(sends.Count + duplicates, deliveries, drops, memberLost, unfated, multiply, orphaned, duplicates);
    }

    /// <summary>Fails unless every message has its send and one fate at most, and at most <paramref name="inFlight"/> sends have none.</summary>
    public void AssertAccountsFor(long inFlight = 0)
    {
        Assert.True(MultiplyFated == 0 && Orphaned == 0 && DuplicateSends == 0 && Unfated <= inFlight, $"the trace does not account for its messages: {this}");
    }
}
