using System.Collections.Immutable;
using MaLAM4Com.Engine.Entities;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// An agent whose model is a linear estimator in its region's coordinates (<see cref="RegionCoordinates"/>):
/// C (q x p) maps the features of its measurements to the coordinates of its channel. Each round it is
/// fitted in closed form (<see cref="LinearFit"/>) to the agent's own samples, pulled toward the coarse
/// estimate at a ridge strength chosen by leave-one-out on those samples, and, once the agent holds a
/// distillation target, toward the target on its region's anchors. How, <c>consensus-weight</c> says:
/// <list type="bullet">
/// <item>0, plain distillation: each anchor counts as up to <c>distill-weight</c> pseudo-samples and the
/// pull toward the coarse estimate weakens to <c>prior-share</c> of its strength. How much it trusts the
/// target it decides each round by the same leave-one-out test on its own samples (<see cref="DistillWeights"/>):
/// global knowledge that does not help predict what the agent has seen counts for little or nothing.</item>
/// <item>above 0, consensus (the scaled form of consensus ADMM, on the anchors): the anchors together weigh
/// <c>consensus-weight</c> times the agent's own samples, and the agent keeps a correction, the running sum
/// of its offsets from the global knowledge in the rounds it reported. It reports its outputs plus the
/// correction and distils toward the target minus it. Plain distillation settles where each agent's pull
/// toward its own samples balances the target's, short of what the region's samples pooled would teach;
/// the correction removes that offset, so the region's agents move toward the estimator of their pooled
/// samples whatever the weight, which sets only the pace.</item>
/// </list>
/// Its embeddings are its reported outputs' leading coordinates; its outputs the decoded channels (full
/// fidelity) or the coordinates (lite). The same model at both fidelities: they differ in dimensions and
/// where samples come from.
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
    private bool _targetFromPeers;
    // Drift-plus-penalty asks for it once per action; it changes only with the model or the target.
    private double _disagreement = double.NaN;
    // Consensus: the running correction per anchor and coordinate (K x q), and how many coordinates the
    // agent reported since its last target (0: none, so the next target holds nothing of this model).
    private double[] _correction = [];
    private int _reported;
    // Its last report as it went out and the round it went out in, and the round now: a skip leaves that
    // report standing at its edge, and drift-plus-penalty asks how far it has drifted.
    private DistillationTarget? _lastReport;
    private int _lastReportRound;
    private int _round;
    private double _staleReportError = double.NaN;
    // Whether the model is the fit of what it is pulled toward as that stands now: a saved state then leaves it out.
    private bool _fitIsCurrent;

    /// <summary>
    /// What <see cref="Save"/> returns: the model (null when it is the fit of the rest: the agent refits it), the
    /// ridge strength, the anchors, the target and the consensus correction in coordinates; arrays never written again.
    /// </summary>
    /// <remarks>
    /// A cluster ships every agent's state to the clock each round, so the state is kept small. An agent saves
    /// right after its round's fit, and its samples are its setup's: the model, most of the bytes, is left out and
    /// refitted on restore, to the same values. The last report is left out too: it would add as much again as the
    /// model; a restored agent counts on nothing of it at its edge, and so reports at its next chance.
    /// </remarks>
    public sealed record State(float[]? Model, double Lambda, ImmutableArray<float> Anchors, ImmutableArray<float> Target, bool TargetFromPeers, double[] Prior, double[] Correction, int Reported)
        : IPackable<State>
    {
        public void Pack(StatePacker packer)
        {
            packer.Write(Model is not null);
            if (Model is not null)
                packer.Write(Model);
            packer.Write(Lambda);
            packer.Write(Anchors);
            packer.Write(Target);
            packer.Write(TargetFromPeers);
            packer.Write(Prior);
            packer.Write(Correction);
            packer.Write(Reported);
        }

        public static State Unpack(StateUnpacker unpacker) =>
            new(unpacker.ReadBoolean() ? unpacker.ReadFloats() : null, unpacker.ReadDouble(), unpacker.ReadImmutableFloats(), unpacker.ReadImmutableFloats(), unpacker.ReadBoolean(),
                unpacker.ReadDoubles(), unpacker.ReadDoubles(), unpacker.ReadInt32());
    }

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

    public void SetAnchors(ImmutableArray<float> anchors)
    {
        _anchors = anchors;
        _fitIsCurrent = false;
        _correction = [];
        _reported = 0;
        _lastReport = null;
        _staleReportError = double.NaN;
    }

    private bool Consensus => _settings.ConsensusWeight > 0;

    public void TrainRound(int round)
    {
        _tally.Add(_samples.Count);
        _round = round;
        Fit();
        _fitIsCurrent = true;
        _disagreement = double.NaN;
        _staleReportError = double.NaN;
    }

    // Fits the model in closed form to the agent's samples, pulled toward the prior and the target (the ridge strength chosen on the first fit).
    private void Fit()
    {
        int n = _samples.Count, p = P, q = Q;
        using var xs = new PooledDoubles(n * p);
        using var ys = new PooledDoubles(n * q);
        Span<double> x = xs.Span, y = ys.Span;
        _samples.Training(x, y);
        var prior = _prior;
        if (double.IsNaN(_lambda))
            _lambda = LinearFit.LeaveOneOutLambda(x, y, n, p, q, prior);
        using var grams = new PooledDoubles(p * p);
        using var crosses = new PooledDoubles(p * q);
        Span<double> gram = grams.Span, cross = crosses.Span;
        LinearFit.Moments(x, y, n, p, q, gram, cross);
        using var model = new PooledDoubles(q * p);
        var c = model.Span;
        double mu = 0;
        if (DistillationTarget() is { } t)
        {
            var anchors = _region.Anchors(_anchors);
            double lambda = _lambda * _settings.PriorShare;
            if (Consensus && _targetFromPeers)
            {
                mu = _settings.ConsensusWeight * n / anchors.Count;
                using var corrected = CorrectedTargetCross(anchors, t.Dimension);
                LinearFit.Solve(gram, cross, p, q, prior, lambda, anchors.Gram, corrected.Span, t.Dimension, mu, c);
            }
            else
                mu = DistilByLeaveOneOut(x, y, n, gram, cross, prior, lambda, anchors, t.Dimension, c);
        }
        if (mu == 0)
            LinearFit.Solve(gram, cross, p, q, prior, _lambda, default, default, 0, 0, c);
        DistillWeightUsed = mu;
        _c = new float[q * p];
        for (int i = 0; i < _c.Length; i++)
            _c[i] = (float)c[i];
    }

    // The distillation weight whose fit best predicts the agent's own samples left out one at a time (0: none), fitted into c.
    private double DistilByLeaveOneOut(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int n, ReadOnlySpan<double> gram, ReadOnlySpan<double> cross, double[] prior, double lambda,
        AnchorFeatures anchors, int d, Span<double> c)
    {
        int p = P, q = Q;
        var anchorCross = _region.TargetCross(anchors, _target, d);
        double mu = 0;
        double best = LinearFit.AnchoredLeaveOneOutError(x, y, n, p, q, gram, cross, prior, _lambda, default, default, d, 0);
        foreach (double share in DistillWeights)
        {
            double candidate = share * _settings.DistillWeight;
            double error = LinearFit.AnchoredLeaveOneOutError(x, y, n, p, q, gram, cross, prior, lambda, anchors.Gram, anchorCross, d, candidate);
            if (error < best)
            {
                best = error;
                mu = candidate;
            }
        }
        if (mu > 0)
            LinearFit.Solve(gram, cross, p, q, prior, lambda, anchors.Gram, anchorCross, d, mu, c);
        return mu;
    }

    // Xa^T (Z - U) (p x d) for the target Z less the correction U on its d coordinates: the agent's own, so not cached.
    private PooledDoubles CorrectedTargetCross(AnchorFeatures anchors, int d)
    {
        int p = Coordinates.Features, q = Q;
        var cross = new PooledDoubles(p * d);
        if (_correction.Length == 0)
        {
            _region.TargetCross(anchors, _target, d).CopyTo(cross.Span);
            return cross;
        }
        using var z = new PooledDoubles(anchors.Count * d);
        var zs = z.Span;
        for (int a = 0; a < anchors.Count; a++)
            for (int k = 0; k < d; k++)
                zs[a * d + k] = _target[a * d + k] - _correction[a * q + k];
        LinearFit.Moments(anchors.Features, zs, anchors.Count, p, d, default, cross.Span);
        return cross;
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
        var coordinates = Reported(Q);
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
            ? Reported(Math.Min(dimension, Q))
            : throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "share at least one dimension");

    // What the agent reports: its estimate's leading k coordinates on each anchor, plus its consensus correction.
    private float[] Reported(int k)
    {
        var values = OnAnchors(k);
        if (_correction.Length == 0)
            return values;
        int q = Q;
        for (int a = 0; a < values.Length / k; a++)
            for (int j = 0; j < k; j++)
                values[a * k + j] = (float)(values[a * k + j] + _correction[a * q + j]);
        return values;
    }

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
        _fitIsCurrent = false;
        _disagreement = double.NaN;
    }

    public void DistilToward(DistillationTarget target)
    {
        _target = target.Space == KnowledgeSpace.Outputs ? _region.EncodeOutputs(target.Values) : target.Values;
        _targetFromPeers = target.FromPeers;
        _fitIsCurrent = false;
        _disagreement = double.NaN;
        if (Consensus && _targetFromPeers && _reported > 0 && DistillationTarget() is { } t)
            Correct(Math.Min(_reported, t.Dimension), t.Dimension);
        _reported = 0;
        _staleReportError = double.NaN;
    }

    public void Sent(DistillationTarget sent)
    {
        if (_anchors.IsEmpty)
            return;
        if (Consensus)
            _reported = sent.Space == KnowledgeSpace.Outputs ? Q : sent.Values.Length / _region.Anchors(_anchors).Count;
        _lastReport = sent;
        _lastReportRound = _round;
        _staleReportError = double.NaN;
    }

    public double StaleReportError() => double.IsNaN(_staleReportError) ? _staleReportError = MeasureStaleReportError() : _staleReportError;

    // The edge counts a silent agent's last report at discount^age of its weight for up to max-staleness rounds:
    // what it holds of the agent is that share of the report and none of the rest.
    private double MeasureStaleReportError()
    {
        int age = _round - _lastReportRound;
        if (_lastReport is not { } sent || _anchors.IsEmpty || age > _settings.MaxStaleness)
            return 1;
        double kept = Math.Pow(_settings.StalenessDiscount, age);
        if (kept == 0)
            return 1;
        // Encoded only here: a method that always shares never asks.
        var report = sent.Space == KnowledgeSpace.Outputs ? _region.EncodeOutputs(sent.Values) : sent.Values;
        return 1 - kept * (1 - ReportDistance.Relative(Reported(Q), Q, report.AsSpan()));
    }

    // The correction grows by the model's offset from the new target on the coordinates both hold: the dual
    // step of consensus ADMM, taken only after a round in which the agent's report could enter the target.
    // Feeding each report's quantisation error back into its correction as well did worse at 3 and 4 bits.
    private void Correct(int k, int d)
    {
        int q = Q;
        var own = OnAnchors(k);
        int count = own.Length / k;
        var correction = _correction.Length == 0 ? new double[count * q] : (double[])_correction.Clone();
        for (int a = 0; a < count; a++)
            for (int j = 0; j < k; j++)
                correction[a * q + j] += own[a * k + j] - _target[a * d + j];
        _correction = correction;
    }

    public double TestNmse()
    {
        using var model = new PooledDoubles(_c.Length);
        var c = model.Span;
        for (int i = 0; i < c.Length; i++)
            c[i] = _c[i];
        return _samples.TestNmse(Coordinates, c);
    }

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

    public int EmbeddingWidth => Q;

    public object Save() => new State(_fitIsCurrent ? null : _c, _lambda, _anchors, _target, _targetFromPeers, _prior, _correction, _reported);

    public void Restore(object state)
    {
        var s = state as State ?? throw new ArgumentException($"not a linear agent's state: {state?.GetType().Name ?? "null"}", nameof(state));
        if (s.Model is { } model && model.Length != _c.Length || s.Prior.Length != _c.Length)
            throw new ArgumentException($"the saved state's prior has {s.Prior.Length} values{(s.Model is null ? "" : $" and its model {s.Model.Length}")}; this agent's model has {_c.Length}", nameof(state));
        _prior = s.Prior;
        _lambda = s.Lambda;
        _anchors = s.Anchors;
        _target = s.Target;
        _targetFromPeers = s.TargetFromPeers;
        _correction = s.Correction;
        _reported = s.Reported;
        _fitIsCurrent = s.Model is null;
        if (s.Model is null)
            Fit();
        else
            _c = s.Model;
        _lastReport = null;
        _disagreement = double.NaN;
        _staleReportError = double.NaN;
    }
}
