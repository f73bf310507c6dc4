using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Links;

namespace MaLAM4Com.Engine.Cluster;

/// <summary>
/// A run as every member can rebuild it: entity actors are made from local factories, which do not
/// travel, so the driver sends this description and each member builds the same inputs from it.
/// <paramref name="Scenario"/> names the builder's scenario, <paramref name="Config"/> its
/// configuration text, <paramref name="Overrides"/> and <paramref name="Faults"/> its command-line
/// additions; <paramref name="TracePath"/> is the merged trace ("" for none), beside which each
/// partition writes its own.
/// </summary>
public sealed record RunSpec(string RunId, string Scenario, string Config, IReadOnlyList<string> Overrides, IReadOnlyList<string> Faults, string TracePath);

/// <summary>What a member needs to host partitions of a run, and the driver to clock it.</summary>
/// <param name="Recovery">
/// Whether the partitions send the driver the states their entities save and hold what they sent to peers not yet
/// due, so that a partition lost with its member is re-created on another; without it, a lost member fails the run.
/// </param>
public sealed record ClusterRunInputs(Topology Topology, ILinkModel Link, FaultPlan Faults, long EndTimeUs, bool Recovery = true);

/// <summary>Builds a run's inputs from its spec; the same spec must give the same inputs on every member.</summary>
public delegate ClusterRunInputs RunBuilder(RunSpec spec);
