using System.Collections.Immutable;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// An agent whose model is a linear estimator in its region's coordinates (<see cref="RegionCoordinates"/>):
/// C (q x p) maps the features of its measurements to the coordinates of its channel. Each round it is
/// fitted in closed form (<see cref="LinearFit"/>) to the agent's own samples, pulled toward the coarse
/// estimate at a ridge strength chosen by leave-one-out on those samples, and, once the agent holds a
/// distillation target, toward the target on its region's anchors, each anchor counting as up to
/// <c>distill-weight</c> pseudo-samples, while the pull toward the coarse estimate weakens to
/// <c>prior-share</c> of its strength. How much it trusts the target it decides each round by the same
/// leave-one-out test on its own samples (<see cref="DistillWeights"/>): global knowledge that does not help
/// predict what the agent has seen counts for little or nothing. Its embeddings are its outputs' leading coordinates; its outputs the
/// decoded channels (full fidelity) or the coordinates (lite). The same model at both fidelities: they
/// differ in dimensions and where samples come from.
/// </summary>
public sealed class LinearAgentLearner : IAgentLearner
{
    private readonly LinearRegion _region;
    private readonly LinearSamples _samples;
    private readonly LearningSettings _settings;
    private readonly TrainingTally _tally;
    private float[] _c;
    private double _lambda = double.NaN;
    // What the fit is pulled toward: the coarse estimate, until the agent takes a model from elsewhere (FedAvg's global one).
    private double[] _prior;
    private ImmutableArray<float> _anchors = [];
    private ImmutableArray<float> _target = [];
    // Drift-plus-penalty asks for it once per action; it changes only with the model or the target.
    private double _disagreement = double.NaN;

    /// <summary>What <see cref="Save"/> returns: the model, its anchors and its target in coordinates; arrays never written again.</summary>
    public sealed record State(float[] Model, double Lambda, ImmutableArray<float> Anchors, ImmutableArray<float> Target, double[] Prior);

    public LinearAgentLearner(LinearRegion region, LinearSamples samples, LearningSettings settings, TrainingTally tally)
    {
        _tally = tally;
        _region = region;
        _samples = samples;
        _settings = settings;
        _prior = region.Coordinates.Prior;
        _c = Array.ConvertAll(_prior, v => (float)v);
    }

    private RegionCoordinates Coordinates => _region.Coordinates;

    private int P => Coordinates.Features;

    private int Q => Coordinates.OutputAxes;

    /// <summary>The shares of <c>distill-weight</c> an agent tries each round, besides not distilling at all.</summary>
    public static readonly double[] DistillWeights = [1.0 / 9, 1.0 / 3, 1];

    /// <summary>The distillation weight of the last round's fit (0: it did not distil).</summary>
    public double DistillWeightUsed { get; private set; }

    public int TrainingSamples => _samples.Count;

    public bool HasAnchors => !_anchors.IsEmpty;

    public int OutputWidth => _region.OutputWidth;

    public int WeightCount => Coordinates.ModelValues;

    public void SetAnchors(ImmutableArray<float> anchors) => _anchors = anchors;

    public void TrainRound(int round)
    {
        _tally.Add(_samples.Count);
        int n = _samples.Count, p = P, q = Q;
        var x = new double[n * p];
        var y = new double[n * q];
        _samples.Training(x, y);
        var prior = _prior;
        if (double.IsNaN(_lambda))
            _lambda = LinearFit.LeaveOneOutLambda(x, y, n, p, q, prior);
        var gram = new double[p * p];
        var cross = new double[p * q];
        LinearFit.Moments(x, y, n, p, q, gram, cross);
        var c = new double[q * p];
        double mu = 0;
        if (DistillationTarget() is { } t)
        {
            var anchors = _region.Anchors(_anchors);
            var anchorCross = _region.TargetCross(anchors, _target, t.Dimension);
            double lambda = _lambda * _settings.PriorShare;
            double best = LinearFit.AnchoredLeaveOneOutError(x, y, n, p, q, gram, cross, prior, _lambda, default, default, t.Dimension, 0);
            foreach (double share in DistillWeights)
            {
                double candidate = share * _settings.DistillWeight;
                double error = LinearFit.AnchoredLeaveOneOutError(x, y, n, p, q, gram, cross, prior, lambda, anchors.Gram, anchorCross, t.Dimension, candidate);
                if (error < best)
                {
                    best = error;
                    mu = candidate;
                }
            }
            if (mu > 0)
                LinearFit.Solve(gram, cross, p, q, prior, lambda, anchors.Gram, anchorCross, t.Dimension, mu, c);
        }
        if (mu == 0)
            LinearFit.Solve(gram, cross, p, q, prior, _lambda, default, default, 0, 0, c);
        DistillWeightUsed = mu;
        _c = Array.ConvertAll(c, v => (float)v);
        _disagreement = double.NaN;
    }

    // The target's coordinates per anchor, when it fits the anchors and the method distils.
    private (int Dimension, int Anchors)? DistillationTarget()
    {
        if (_target.IsEmpty || _anchors.IsEmpty || _settings.DistillWeight == 0)
            return null;
        int anchors = _region.Anchors(_anchors).Count;
        if (_target.Length % anchors != 0)
            return null;
        int d = _target.Length / anchors;
        return d >= 1 && d <= Q ? (d, anchors) : null;
    }

    public float[] Outputs()
    {
        var coordinates = OnAnchors(Q);
        if (!_region.DecodesOutputs)
            return coordinates;
        int q = Q, width = Coordinates.OutputWidth, count = coordinates.Length / q;
        var outputs = new float[count * width];
        var y = new double[q];
        for (int a = 0; a < count; a++)
        {
            for (int k = 0; k < q; k++)
                y[k] = coordinates[a * q + k];
            Coordinates.Decode(y, outputs.AsSpan(a * width, width));
        }
        return outputs;
    }

    public float[] Embeddings(int dimension) =>
        dimension >= 1
            ? OnAnchors(Math.Min(dimension, Q))
            : throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "share at least one dimension");

    // The leading k coordinates of its estimate on each anchor.
    private float[] OnAnchors(int k)
    {
        if (_anchors.IsEmpty)
            throw new InvalidOperationException("the agent has no anchors yet");
        var anchors = _region.Anchors(_anchors);
        int p = P;
        var result = new float[anchors.Count * k];
        for (int a = 0; a < anchors.Count; a++)
        {
            var x = anchors.Features.AsSpan(a * p, p);
            for (int j = 0; j < k; j++)
            {
                double v = 0;
                var row = _c.AsSpan(j * p, p);
                for (int i = 0; i < p; i++)
                    v += row[i] * x[i];
                result[a * k + j] = (float)v;
            }
        }
        return result;
    }

    /// <summary>The model as the map from measurements to the channel that every region shares (<see cref="RegionCoordinates.DecodeModel"/>).</summary>
    public float[] Weights() => Coordinates.DecodeModel(Array.ConvertAll(_c, v => (double)v));

    /// <summary>Takes a model in the shared shape: it becomes the agent's model and what its next fits are pulled toward.</summary>
    public void LoadWeights(ImmutableArray<float> weights)
    {
        if (weights.Length != WeightCount)
            throw new ArgumentException($"weights must have {WeightCount} values; got {weights.Length}", nameof(weights));
        _prior = _region.EncodeModel(weights);
        _c = Array.ConvertAll(_prior, v => (float)v);
        _disagreement = double.NaN;
    }

    public void DistilToward(DistillationTarget target)
    {
        _target = target.Space == KnowledgeSpace.Outputs ? _region.EncodeOutputs(target.Values) : target.Values;
        _disagreement = double.NaN;
    }

    public double TestNmse() => _samples.TestNmse(Coordinates, Array.ConvertAll(_c, v => (double)v));

    public double Disagreement() => double.IsNaN(_disagreement) ? _disagreement = MeasureDisagreement() : _disagreement;

    private double MeasureDisagreement()
    {
        if (DistillationTarget() is not { } t)
            return 1;
        var own = OnAnchors(t.Dimension);
        double gap = 0, power = 0;
        for (int i = 0; i < own.Length; i++)
        {
            double e = own[i] - _target[i];
            gap += e * e;
            power += (double)_target[i] * _target[i];
        }
        return Math.Min(1, gap / Math.Max(power, 1e-30));
    }

    public double EmbeddingShare(int dimension) => Coordinates.EnergyShare(dimension) / Math.Max(Coordinates.EnergyShare(Q), 1e-30);

    public object Save()
    {
        return new State(_c, _lambda, _anchors, _target, _prior);
    }

    public void Restore(object state)
    {
        var s = state as State ?? throw new ArgumentException($"not a linear agent's state: {state?.GetType().Name ?? "null"}", nameof(state));
        if (s.Model.Length != _c.Length || s.Prior.Length != _c.Length)
            throw new ArgumentException($"the saved model has {s.Model.Length} values, this agent {_c.Length}", nameof(state));
        _c = s.Model;
        _prior = s.Prior;
        _lambda = s.Lambda;
        _anchors = s.Anchors;
        _target = s.Target;
        _disagreement = double.NaN;
    }
}
