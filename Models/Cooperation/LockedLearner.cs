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

    public void SetAnchors(float[] anchors)
    {
        lock (gate)
            inner.SetAnchors(anchors);
    }

    public void TrainRound(int round)
    {
        lock (gate)
            inner.TrainRound(round);
    }

    public float[] Knowledge(int dimension)
    {
        lock (gate)
            return inner.Knowledge(dimension);
    }

    public void Absorb(float[] global)
    {
        lock (gate)
            inner.Absorb(global);
    }

    public double TestNmse()
    {
        lock (gate)
            return inner.TestNmse();
    }

    public object Save()
    {
        lock (gate)
            return inner.Save();
    }

    public void Restore(object state)
    {
        lock (gate)
            inner.Restore(state);
    }

    public void Dispose()
    {
        lock (gate)
            (inner as IDisposable)?.Dispose();
    }
}
