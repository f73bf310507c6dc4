namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// One agent's small model and private data, as the protocol sees it. The full back-end trains a
/// TorchSharp SAM on CSI; the lite back-end a small MathNet model on embeddings. Every call is made
/// from the agent's own actor, one at a time.
/// </summary>
public interface IAgentLearner
{
    /// <summary>Private training samples: the agent's weight in aggregation.</summary>
    int TrainingSamples { get; }

    /// <summary>Whether the agent has its anchors (it cannot compute knowledge before).</summary>
    bool HasAnchors { get; }

    /// <summary>Takes its region's anchor inputs (the elite set, flattened as the back-end's anchor layout).</summary>
    void SetAnchors(float[] anchors);

    /// <summary>One round of local training on private data, distilling toward the last absorbed global knowledge if any.</summary>
    void TrainRound(int round);

    /// <summary>
    /// The knowledge to share: for <c>malam4com</c> the first <paramref name="dimension"/> embedding
    /// coordinates of its outputs on each anchor (anchors x dimension), for <c>fd_full</c> its full outputs
    /// on the anchors, for <c>fedavg</c> its weights. A new array the caller owns.
    /// </summary>
    float[] Knowledge(int dimension);

    /// <summary>Takes the global knowledge of its region (or the global weights for <c>fedavg</c>).</summary>
    void Absorb(float[] global);

    /// <summary>Mean NMSE (linear) of its model on its held-out test samples.</summary>
    double TestNmse();

    /// <summary>An immutable copy of everything needed to continue after a crash.</summary>
    object Save();

    /// <summary>Replaces the state with one from <see cref="Save"/>.</summary>
    void Restore(object state);
}
