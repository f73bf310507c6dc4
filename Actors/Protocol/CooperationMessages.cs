using System.Collections.Immutable;
using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Engine.Entities;

namespace MaLAM4Com.Actors.Protocol;

/// <summary>An agent asks its edge for its region's anchors (sent when it joins, repeated each round until they arrive).</summary>
public sealed record JoinRequest(int Region) : ISimMessage
{
    public int SizeBytes => 16;
}

/// <summary>A region's anchor inputs (its elite set), cloud to edges and edges to agents.</summary>
public sealed record AnchorSet(int Region, ImmutableArray<float> Inputs) : ISimMessage
{
    public int SizeBytes => Inputs.Length * sizeof(float) + 8;
}

/// <summary>The cloud asks a distillation worker for a region's elite set.</summary>
public sealed record DistillJob(int Region) : ISimMessage
{
    public int SizeBytes => 16;
}

/// <summary>A distillation worker's elite set for a region: synthetic anchor inputs.</summary>
public sealed record EliteSet(int Region, ImmutableArray<float> Inputs) : ISimMessage
{
    public int SizeBytes => Inputs.Length * sizeof(float) + 8;
}

/// <summary>
/// An agent's knowledge for one round, sent to its edge: what its method shares (<see cref="SharedKnowledge"/>:
/// the values as the edge reconstructs them, and the bytes their encoding takes). <c>Samples</c> weighs it
/// in aggregation.
/// </summary>
public sealed record KnowledgeReport(int Round, int Region, int Samples, SharedKnowledge Knowledge) : ISimMessage
{
    public int SizeBytes => Knowledge.PayloadBytes + 16;
}

/// <summary>An edge's aggregate of the reports that reached it by its deadline, per region.</summary>
public sealed record EdgeAggregate(int Round, int Reporters, ImmutableArray<KnowledgeBlock> Blocks) : ISimMessage
{
    public int SizeBytes => 8 + Blocks.Sum(b => b.SizeBytes);
}

/// <summary>The cloud's merged knowledge of one round: to edges all regions, to an agent its own region's block.</summary>
public sealed record GlobalKnowledge(int Round, int Edges, ImmutableArray<KnowledgeBlock> Blocks) : ISimMessage
{
    public int SizeBytes => 8 + Blocks.Sum(b => b.SizeBytes);
}

/// <summary>Round <c>Round</c> starts: agents train and report (a timer).</summary>
public sealed record RoundStart(int Round);

/// <summary>The deadline of round <c>Round</c> at an edge or the cloud (a timer).</summary>
public sealed record RoundDeadline(int Round);
