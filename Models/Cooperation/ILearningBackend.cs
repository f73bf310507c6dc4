namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// A model back-end of the MaLAM4Com protocol (<c>scenario.fidelity</c>: full or lite). It holds what the
/// simulated entities share read-only (the LAM, the embedding encoder, the data sources) and creates each
/// agent's learner. Methods may be called from several actors at once and must be thread-safe.
/// </summary>
public interface ILearningBackend
{
    CooperationMethod Method { get; }

    /// <summary>Largest embedding dimension the encoder offers.</summary>
    int MaxDimension { get; }

    /// <summary>Creates agent <paramref name="agent"/>'s learner with its private data from <paramref name="region"/>.</summary>
    IAgentLearner CreateAgent(int agent, int region);

    /// <summary>Dataset distillation: the elite set (anchor inputs) of <paramref name="region"/>, flattened.</summary>
    float[] DistilAnchors(int region);

    /// <summary>The LAM's own knowledge on a region's anchors, in the layout agents share at full dimension.</summary>
    float[] TeacherKnowledge(int region, float[] anchors);
}
