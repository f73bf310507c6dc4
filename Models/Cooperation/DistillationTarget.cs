using System.Collections.Immutable;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>Where an agent's knowledge lives: its outputs on the anchors as they are, or their low-dimensional embeddings.</summary>
public enum KnowledgeSpace
{
    Outputs,
    Embeddings,
}

/// <summary>
/// What an agent's local training distils toward: knowledge on its anchors in <paramref name="Space"/>,
/// laid out anchor by anchor (values / anchors per anchor; embeddings may have fewer coordinates than
/// the encoder offers, and distil those only). <paramref name="FromPeers"/>: whether it averages two or more
/// agents' reports (false: a teacher's knowledge alone, or a single report, which may be the agent's own: there
/// is no consensus to reach with either).
/// </summary>
public sealed record DistillationTarget(KnowledgeSpace Space, ImmutableArray<float> Values, bool FromPeers = true);
