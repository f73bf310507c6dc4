using System.Collections.Immutable;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// One agent's model and private data, as a cooperation method sees it: what it can compute (outputs and
/// embeddings on its anchors, its weights) and what it can take (weights, a distillation target). The
/// full back-end trains a TorchSharp SAM on CSI, the lite back-end a small model on embeddings; a method
/// uses both alike. Every call is made from the agent's own actor, one at a time.
/// </summary>
public interface IAgentLearner
{
    /// <summary>Private training samples: the agent's weight in aggregation.</summary>
    int TrainingSamples { get; }

    /// <summary>Whether the agent has its anchors (it cannot compute knowledge on them before).</summary>
    bool HasAnchors { get; }

    /// <summary>Takes its region's anchor inputs (the elite set, flattened as the back-end's anchor layout).</summary>
    void SetAnchors(ImmutableArray<float> anchors);

    /// <summary>One round of local training on private data, distilling toward the last target given, if any.</summary>
    void TrainRound(int round);

    /// <summary>Values per anchor in <see cref="Outputs"/>.</summary>
    int OutputWidth { get; }

    /// <summary>Its outputs on the anchors, anchor by anchor, as it reports them. A new array the caller owns.</summary>
    float[] Outputs();

    /// <summary>The leading <paramref name="dimension"/> embedding coordinates of its outputs on each anchor (anchors x dimension). A new array.</summary>
    float[] Embeddings(int dimension);

    /// <summary>How many weights <see cref="Weights"/> returns.</summary>
    int WeightCount { get; }

    /// <summary>Its model's weights, flattened. A new array.</summary>
    float[] Weights();

    /// <summary>Replaces its model's weights with <paramref name="weights"/> (as <see cref="Weights"/> lays them out).</summary>
    void LoadWeights(ImmutableArray<float> weights);

    /// <summary>From now on local training also distils toward <paramref name="target"/> (ignored before the anchors arrive).</summary>
    void DistilToward(DistillationTarget target);

    /// <summary>
    /// Takes note of the knowledge it has just reported, as it went out (quantised): a learner that seeks
    /// consensus with its peers measures its offset from the next target against it. Ignored by default.
    /// </summary>
    void Sent(DistillationTarget sent)
    {
    }

    /// <summary>
    /// How far its own embeddings on the anchors are from its distillation target, relative to the target's power
    /// (0: it agrees; 1 when it has no target): what sharing may still correct.
    /// </summary>
    double Disagreement();

    /// <summary>How many embedding coordinates it has per anchor: the most <see cref="Embeddings"/> gives.</summary>
    int EmbeddingWidth { get; }

    /// <summary>
    /// What its edge would get wrong about it if it skipped this round: the relative squared distance of what it
    /// would report now from its last report, as far as the edge still counts that report (1 before any report,
    /// or once the edge no longer counts it). A learner that does not keep its last report says 1: a skip leaves
    /// out everything.
    /// </summary>
    double StaleReportError() => 1;

    /// <summary>Mean NMSE (linear) of its model on its held-out test samples.</summary>
    double TestNmse();

    /// <summary>An immutable copy of everything needed to continue after a crash.</summary>
    object Save();

    /// <summary>Replaces the state with one from <see cref="Save"/>.</summary>
    void Restore(object state);
}
