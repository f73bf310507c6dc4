using System.Collections.Immutable;
using MaLAM4Com.Engine.Randomness;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// A full-fidelity agent: a SAM trained with AdamW on the agent's private samples. Each round takes
/// <c>local-steps</c> minibatch steps on the NMSE loss plus, once it has a distillation target,
/// lambda x the distillation loss on its region's anchors: toward outputs, the NMSE between its outputs
/// and the target's; toward embeddings, the squared distance between the encoder's projected embeddings
/// of its outputs and the target, normalised by the power of both (so lambda does not depend on the
/// embedding's scale, and an agent far from the target does not get a loss that swamps its own data's).
/// </summary>
internal sealed class SamAgentLearner : IAgentLearner, IDisposable
{
    private readonly FullBackend _backend;
    private readonly LearningSettings _s;
    private readonly TransformerModel _model;
    private readonly ChannelDataset _train;
    private readonly ChannelDataset _test;
    private readonly ulong _seed;
    private readonly int _agent;
    private AdamW _optimizer;
    private Tensor? _anchors;
    private Tensor? _target;
    private DistillationTarget? _targetValues;

    private sealed record State(float[] Weights, DistillationTarget? Target);

    public SamAgentLearner(FullBackend backend, TransformerModel model, ChannelDataset train, ChannelDataset test, ulong seed, int agent)
    {
        _backend = backend;
        _s = backend.Settings;
        _model = model;
        _train = train;
        _test = test;
        _seed = seed;
        _agent = agent;
        _optimizer = NewOptimizer();
    }

    public int TrainingSamples => _train.Count;

    public bool HasAnchors => _anchors is not null;

    public int OutputWidth => ChannelLayout.RealsPerSample;

    public int WeightCount => (int)_model.CountParameters();

    public void SetAnchors(ImmutableArray<float> anchors)
    {
        _anchors?.Dispose();
        _anchors = FullBackend.AnchorTensor(anchors.AsSpan());
    }

    public void TrainRound(int round)
    {
        _model.train();
        var random = new Random(unchecked((int)RandomStream.AgentTraining.Key(_seed, _agent, round)));
        int batch = Math.Min(_s.BatchSize, _train.Count);
        for (int step = 0; step < _s.LocalSteps; step++)
        {
            using var scope = NewDisposeScope();
            var picked = new long[batch];
            for (int i = 0; i < batch; i++)
                picked[i] = random.Next(_train.Count);
            var indices = tensor(picked);
            var loss = TensorMetrics.NmsePerSample(_model.forward(_train.Input.index_select(0, indices)), _train.Target.index_select(0, indices)).mean();
            if (DistillationLoss(random) is { } distill)
                loss = loss + _s.DistillWeight * distill;
            _optimizer.zero_grad();
            loss.backward();
            _optimizer.step();
        }
        _model.eval();
    }

    private Tensor? DistillationLoss(Random random)
    {
        if (_target is null || _anchors is null || _targetValues is null)
            return null;
        int count = (int)_anchors.shape[0];
        var picked = tensor(ChannelDataset.Permutation(count, random.Next())[..Math.Min(count, _s.DistillAnchorsPerStep)]);
        var output = _model.forward(_anchors.index_select(0, picked));
        var target = _target.index_select(0, picked);
        if (_targetValues.Space == KnowledgeSpace.Outputs)
            return TensorMetrics.NmsePerSample(output, target).mean();
        var embedding = _backend.Projection.Project(_backend.Lam.Embed(output), (int)target.shape[1]);
        return (embedding - target).pow(2).mean() / (target.pow(2).mean() + embedding.detach().pow(2).mean()).clamp_min(1e-12);
    }

    public float[] Outputs() => OnAnchors(output => output);

    public float[] Embeddings(int dimension) => OnAnchors(output => _backend.Projection.Project(_backend.Lam.Embed(output), dimension));

    private float[] OnAnchors(Func<Tensor, Tensor> knowledge)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        if (_anchors is null)
            throw new InvalidOperationException("the agent has no anchors yet");
        return knowledge(_model.forward(_anchors)).contiguous().data<float>().ToArray();
    }

    public void DistilToward(DistillationTarget target)
    {
        if (_anchors is null)
            return;
        long anchors = _anchors.shape[0];
        var values = target.Values;
        if (values.Length % anchors != 0)
            throw new ArgumentException($"a distillation target of {values.Length} values does not split over {anchors} anchors");
        _target?.Dispose();
        _target = target.Space == KnowledgeSpace.Outputs
            ? tensor(values.ToArray(), [anchors, ChannelLayout.Antennas, ChannelLayout.TokenWidth])
            : tensor(values.ToArray(), [anchors, values.Length / anchors]);
        _targetValues = target;
    }

    public double TestNmse()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return TensorMetrics.NmsePerSample(_model.forward(_test.Input), _test.Target).mean().item<float>();
    }

    public object Save() => new State(Weights(), _targetValues);

    public void Restore(object state)
    {
        var s = (State)state;
        LoadWeights(s.Weights);
        _target?.Dispose();
        _target = null;
        _targetValues = null;
        if (s.Target is not null)
            DistilToward(s.Target);
        _optimizer.Dispose();
        _optimizer = NewOptimizer();
    }

    public float[] Weights()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return cat(_model.parameters().Select(p => p.flatten()).ToArray(), 0).data<float>().ToArray();
    }

    public void LoadWeights(ImmutableArray<float> weights) => LoadWeights(weights.AsSpan());

    private void LoadWeights(ReadOnlySpan<float> weights)
    {
        using var noGrad = no_grad();
        long offset = 0;
        foreach (var p in _model.parameters())
        {
            long n = p.numel();
            if (offset + n > weights.Length)
                throw new ArgumentException($"{weights.Length} weights do not fill the model's {_model.CountParameters()} parameters");
            using var slice = tensor(weights.Slice((int)offset, (int)n).ToArray(), p.shape);
            p.copy_(slice);
            offset += n;
        }
        if (offset != weights.Length)
            throw new ArgumentException($"{weights.Length} weights for a model of {offset} parameters");
    }

    private AdamW NewOptimizer() => optim.AdamW(_model.parameters(), _s.LearningRate, weight_decay: 1e-2);

    public void Dispose()
    {
        _optimizer.Dispose();
        _anchors?.Dispose();
        _target?.Dispose();
        _train.Dispose();
        _test.Dispose();
        _model.Dispose();
    }
}
