using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>
/// A linear SAM: the affine map H_hat = W^T x from the features x of the coarse estimate in its
/// <see cref="CoarseCoordinates"/> to the 2048 reals of the channel, W [m + 1, 2048] fitted in closed form
/// (<see cref="LinearRidge"/>). The family of the cooperation agents' models, in the shape of a SAM: it takes and
/// returns [N, 32, 64] channel tensors. Nothing in it is trained by gradients. Its coordinates may be shared by several
/// SAMs (a reference and the proxies fitted in its coordinates).
/// </summary>
public sealed class LinearSam : nn.Module<Tensor, Tensor>
{
    private readonly Tensor weights;

    public LinearSam(CoarseCoordinates coordinates, Tensor weights) : base(nameof(LinearSam))
    {
        if (weights.ndim != 2 || weights.shape[0] != coordinates.Features || weights.shape[1] != ChannelLayout.RealsPerSample)
            throw new ArgumentException($"a linear SAM's weights are [{coordinates.Features}, {ChannelLayout.RealsPerSample}]; got [{string.Join(", ", weights.shape)}]", nameof(weights));
        if (weights.dtype != ScalarType.Float64)
            throw new ArgumentException($"a linear SAM's weights are float64; got {weights.dtype}", nameof(weights));
        Coordinates = coordinates;
        this.weights = weights;
    }

    public CoarseCoordinates Coordinates { get; }

    /// <summary>W [m + 1, 2048], float64. Callers must not write it.</summary>
    public Tensor Weights => weights;

    /// <summary>The values of W: what fitting sets.</summary>
    public long ParameterCount => weights.numel();

    /// <summary>Multiply-adds count 2: the projection on the axes, then the map.</summary>
    public long FlopsPerSample => 2L * ChannelLayout.RealsPerSample * Coordinates.Axes + 2L * Coordinates.Features * ChannelLayout.RealsPerSample;

    public string Shape() => $"affine map, {Coordinates.Axes} input axes + constant -> {ChannelLayout.RealsPerSample} outputs";

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var estimate = Coordinates.Featurise(input).matmul(weights);
        return estimate.to_type(input.dtype).reshape(input.shape).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            weights.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>
    /// A linear SAM fitted on <paramref name="train"/> alone, from nothing: coordinates of its inputs, ridge toward the
    /// coarse estimate, the strength chosen on <paramref name="validation"/>. The reference SAM (pooled pretraining
    /// regions) and the per-region linear fit (one region's train split) are both this.
    /// </summary>
    public static (LinearSam Sam, RidgeChoice Choice) Fit(ChannelDataset train, ChannelDataset validation)
    {
        var coordinates = CoarseCoordinates.Fit(train.Input);
        using var scope = NewDisposeScope();
        var problem = new LinearRidge(coordinates, train, validation);
        using var prior = coordinates.CoarseEstimateWeights();
        var (weights, choice) = LinearRidge.Choose(lambda => problem.Solve(problem.Targets, prior, lambda), w => problem.ValidationNmseDb(w, null, 1));
        return (new LinearSam(coordinates, weights.MoveToOuterDisposeScope()), choice);
    }
}
