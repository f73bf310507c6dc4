using MaLAM4Com.Actors.Kernel;

namespace MaLAM4Com.Actors.Protocol;

/// <summary>An agent's knowledge for one round, sent to its edge. <c>Samples</c> weighs it in aggregation.</summary>
public sealed record KnowledgeReport(int Round, int Samples, int PayloadBytes) : ISimMessage
{
    public int SizeBytes => PayloadBytes;
}

/// <summary>An edge's aggregate of the reports that reached it by its deadline.</summary>
public sealed record EdgeAggregate(int Round, int Reporters, int Samples, int PayloadBytes) : ISimMessage
{
    public int SizeBytes => PayloadBytes;
}

/// <summary>The cloud's merged knowledge of one round, broadcast to edges and forwarded to agents.</summary>
public sealed record GlobalKnowledge(int Round, int Edges, int PayloadBytes) : ISimMessage
{
    public int SizeBytes => PayloadBytes;
}

/// <summary>Timer payloads of the round protocol.</summary>
public static class RoundTimers
{
    /// <summary>Round <c>Round</c> starts: agents report.</summary>
    public sealed record RoundStart(int Round);

    /// <summary>The deadline of round <c>Round</c> at an edge or the cloud.</summary>
    public sealed record Deadline(int Round);
}
