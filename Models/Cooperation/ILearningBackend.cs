using System.Collections.Immutable;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// A model back-end of the cooperation scenario (<see cref="Fidelity"/>). It holds what the simulated
/// entities share read-only (the cloud's LAM, the embedding encoder, the data sources), creates each
/// agent's learner and answers for the cloud: anchors by dataset distillation, and the LAM's own
/// knowledge on them (the teacher). Methods may be called from several actors at once and must be thread-safe.
/// </summary>
public interface ILearningBackend
{
    /// <summary>Largest embedding dimension the encoder offers.</summary>
    int MaxDimension { get; }

    /// <summary>The samples the agents it created have fitted so far.</summary>
    TrainingTally Tally { get; }

    /// <summary>Samples per second at which its LAM was pretrained in this process; null when it has none or loaded it from a cache.</summary>
    double? LamSamplesPerSecond { get; }

    /// <summary>Creates agent <paramref name="agent"/>'s learner with its private data from <paramref name="region"/>.</summary>
    IAgentLearner CreateAgent(int agent, int region);

    /// <summary>Dataset distillation: the elite set (anchor inputs) of <paramref name="region"/>, flattened.</summary>
    ImmutableArray<float> DistilAnchors(int region);

    /// <summary>The LAM's outputs on a region's anchors, in the layout of <see cref="IAgentLearner.Outputs"/>.</summary>
    ImmutableArray<float> TeacherOutputs(int region, ImmutableArray<float> anchors);

    /// <summary>The LAM's embeddings of its outputs on a region's anchors, at <see cref="MaxDimension"/>.</summary>
    ImmutableArray<float> TeacherEmbeddings(int region, ImmutableArray<float> anchors);
}
