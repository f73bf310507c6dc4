using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>
/// What a training run optimises: a trainable network plus an optional frozen term,
/// H_hat = f(H_in) + s * base, with s fixed at 1 or a learnable scalar (E-LASCO's alpha, initialised at 1, or at the
/// value a closed-form fit gave it). The frozen term comes precomputed with the data, so frozen networks are not rerun
/// every epoch. The network is a transformer or a <see cref="LinearSam"/>.
/// </summary>
public sealed class ResidualEstimator : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> network;
    private readonly Parameter? scale;

    public ResidualEstimator(nn.Module<Tensor, Tensor> network, bool learnableScale = false, double initialScale = 1) : base(nameof(ResidualEstimator))
    {
        this.network = network;
        scale = learnableScale ? nn.Parameter(full(1, initialScale, dtype: ScalarType.Float32)) : null;
        RegisterComponents();
    }

    public nn.Module<Tensor, Tensor> Network => network;

    /// <summary>The learned scale of the frozen term, or null where it is fixed at 1.</summary>
    public double? Scale => scale?.item<float>();

    public override Tensor forward(Tensor input, Tensor? baseTerm)
    {
        if (baseTerm is null)
            return network.forward(input);
        using var scope = NewDisposeScope();
        var y = network.forward(input) + (scale is null ? baseTerm : scale * baseTerm);
        return y.MoveToOuterDisposeScope();
    }

    public long CountTrainableParameters() => parameters().Where(p => p.requires_grad).Sum(p => p.numel());
}
