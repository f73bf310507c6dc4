using MaLAM4Com.Engine.Entities;

namespace MaLAM4Com.Actors;

/// <summary>The metrics the cooperation entities record, by the entity that records them.</summary>
public static class CooperationMetrics
{
    /// <summary>Agent: test NMSE (linear) of its model after the round's training.</summary>
    public static readonly MetricName Nmse = new("nmse");

    /// <summary>Agent: embedding dimension (or values) it shared; 0 for a skip.</summary>
    public static readonly MetricName Dimension = new("dimension");

    /// <summary>Agent: bytes of the report it sent.</summary>
    public static readonly MetricName ReportBytes = new("report_bytes");

    /// <summary>Agent: the round's byte cost.</summary>
    public static readonly MetricName CostBytes = new("cost_bytes");

    /// <summary>Agent: the round's energy cost in mJ.</summary>
    public static readonly MetricName CostEnergyMj = new("cost_energy_mj");

    /// <summary>Agent: backlog of its byte queue after the round.</summary>
    public static readonly MetricName QueueBytes = new("queue_bytes");

    /// <summary>Agent: backlog of its energy queue after the round.</summary>
    public static readonly MetricName QueueEnergy = new("queue_energy");

    /// <summary>Agent: rounds since its last global knowledge.</summary>
    public static readonly MetricName Staleness = new("staleness");

    /// <summary>Edge: agents whose report of the round arrived in time.</summary>
    public static readonly MetricName Reporters = new("reporters");

    /// <summary>Edge: agents counted with their last knowledge instead.</summary>
    public static readonly MetricName StaleUsed = new("stale_used");

    /// <summary>Edge: reports that came after their round closed, so far.</summary>
    public static readonly MetricName LateReports = new("late_reports");

    /// <summary>Edge: second reports of one agent in one round, so far.</summary>
    public static readonly MetricName DuplicateReports = new("duplicate_reports");

    /// <summary>Edge: 1 when too few agents reported to aggregate.</summary>
    public static readonly MetricName QuorumMissed = new("quorum_missed");

    /// <summary>Cloud: edges whose aggregate it merged in the round.</summary>
    public static readonly MetricName EdgesMerged = new("edges_merged");

    /// <summary>Cloud: the teacher's share it holds after the round's merge (learned or configured), averaged over the regions; it blends
    /// only regions with two reports or more, the others get the teacher's knowledge alone.</summary>
    public static readonly MetricName TeacherShare = new("teacher_share");

    /// <summary>Cloud: regions whose anchors it holds.</summary>
    public static readonly MetricName AnchorRegions = new("anchor_regions");

    /// <summary>Distillation worker: the region whose elite set it distilled.</summary>
    public static readonly MetricName DistilledRegion = new("distilled_region");
}
