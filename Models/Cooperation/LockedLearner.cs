using System.Collections.Immutable;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// A learner whose every call holds one gate shared by all of a back-end's TorchSharp work. TorchSharp's
/// implicit scalars and dispose scopes are not safe when several actors' threads build graphs at once (a
/// run failed now and then inside an optimiser step), so full-fidelity agents take turns.
/// </summary>
internal sealed class LockedLearner(IAgentLearner inner, object gate) : IAgentLearner, IDisposable
{
    public int TrainingSamples => inner.TrainingSamples;

    public bool HasAnchors => inner.HasAnchors;

    public int OutputWidth => inner.OutputWidth;

    public int WeightCount => inner.WeightCount;

    public void SetAnchors(ImmutableArray<float> anchors) => Locked(() => inner.SetAnchors(anchors));

    public void TrainRound(int round) => Locked(() => inner.TrainRound(round));

    public float[] Outputs() => Locked(inner.Outputs);

    public float[] Embeddings(int dimension) => Locked(() => inner.Embeddings(dimension));

    public float[] Weights() => Locked(inner.Weights);

    public void LoadWeights(ImmutableArray<float> weights) => Locked(() => inner.LoadWeights(weights));

    public void DistilToward(DistillationTarget target) => Locked(() => inner.DistilToward(target));

    public double TestNmse() => Locked(inner.TestNmse);

    public object Save() => Locked(inner.Save);

    public void Restore(object state) => Locked(() => inner.Restore(state));

    public void Dispose() => Locked(() => (inner as IDisposable)?.Dispose());

    private void Locked(Action action)
    {
        lock (gate)
            action();
    }

    private T Locked<T>(Func<T> call)
    {
        lock (gate)
            return call();
    }
}
