using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>
/// A method's full estimator at inference time: runs the frozen LAM and reference SAM (a transformer or a
/// <see cref="LinearSam"/>) as the method needs them and adds their term to the adapted SAM's output
/// (see <see cref="Lasco.FrozenTerm"/>).
/// </summary>
public sealed class AdaptedModel : nn.Module<Tensor, Tensor>
{
    private readonly TransformerModel lam;
    private readonly nn.Module<Tensor, Tensor> reference;
    private readonly ResidualEstimator estimator;

    public LascoMethod Method { get; }

    public AdaptedModel(LascoMethod method, TransformerModel lam, nn.Module<Tensor, Tensor> reference, ResidualEstimator estimator) : base(nameof(AdaptedModel))
    {
        Method = method;
        this.lam = lam;
        this.reference = reference;
        this.estimator = estimator;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var lamOut = Lasco.NeedsLam(Method) ? lam.forward(input) : null;
        var referenceOut = Lasco.NeedsReference(Method) ? reference.forward(input) : null;
        return estimator.forward(input, Lasco.FrozenTerm(Method, lamOut, referenceOut)).MoveToOuterDisposeScope();
    }
}
