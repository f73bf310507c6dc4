namespace MaLAM4Com.Engine.Tracing;

/// <summary>What a trace record tells: a message's send, delivery or drop, a metric, or a fault event.</summary>
public enum TraceKind : byte
{
    Send,
    Deliver,
    Drop,
    Metric,
    Fault,
}

public static class TraceKindNames
{
    /// <summary>The value of the "ev" key in JSON Lines traces.</summary>
    public static string Name(this TraceKind kind) => kind switch
    {
        TraceKind.Send => "send",
        TraceKind.Deliver => "deliver",
        TraceKind.Drop => "drop",
        TraceKind.Metric => "metric",
        TraceKind.Fault => "fault",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string name, out TraceKind kind)
    {
        foreach (var k in Enum.GetValues<TraceKind>())
        {
            if (k.Name() == name)
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
