using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// Which records to keep; every criterion left null matches everything. <see cref="Entity"/> is
/// matched against a record's sender, receiver and metric/fault entity (see <see cref="EntityName.Matches"/>);
/// <see cref="Type"/> is a message type or the name of a metric or fault; the time window is
/// inclusive at both ends.
/// </summary>
public sealed record TraceFilter(
    string? Entity = null,
    string? Type = null,
    long? FromUs = null,
    long? ToUs = null,
    TraceKind? Outcome = null)
{
    /// <summary>
    /// An outcome as the user writes it: an "ev" value (send, deliver, drop, metric, fault) or the
    /// past participles sent, delivered, dropped.
    /// </summary>
    public static bool TryParseOutcome(string text, out TraceKind kind)
    {
        switch (text)
        {
            case "sent": kind = TraceKind.Send; return true;
            case "delivered": kind = TraceKind.Deliver; return true;
            case "dropped": kind = TraceKind.Drop; return true;
            default: return TraceKindNames.TryParse(text, out kind);
        }
    }

    public bool Matches(TraceEntry e) =>
        (FromUs is null || e.TimeUs >= FromUs)
        && (ToUs is null || e.TimeUs <= ToUs)
        && (Outcome is null || e.Kind == Outcome)
        && (Type is null || e.Type == Type || (!e.IsMessage && e.Name == Type))
        && (Entity is null || IsNamed(e.From) || IsNamed(e.To) || IsNamed(e.Entity));

    private bool IsNamed(string? name) => name is not null && EntityName.Matches(name, Entity!);

    public IEnumerable<TraceEntry> Apply(IEnumerable<TraceEntry> entries) => entries.Where(Matches);
}
