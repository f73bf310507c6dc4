using System.Runtime.CompilerServices;
using MaLAM4Com.Channels;
using MaLAM4Com.Models.Cooperation;
using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>
/// One closed-form ridge problem of a linear SAM in fixed coordinates: the training split's features X [n, p] and
/// channels [n, 2048], and the validation split's, all float64. <see cref="Solve"/> minimises ||T - X W||^2 +
/// lambda ||W - W0||^2 for a target T and a prior W0 with <see cref="LinearFit.Solve"/>, lambda relative to the mean
/// diagonal of X^T X (as the agents' fits); <see cref="Choose"/> keeps, over <see cref="LinearFit.LambdaGrid"/>, the
/// fit of least validation NMSE: the closed-form analogue of stopping a network's training on validation. The test
/// split never enters. Its tensors live in the caller's dispose scope.
/// </summary>
public sealed class LinearRidge
{
    private readonly double[] gram;
    // X^T T per target tensor: a choice solves with the same target at every strength of the grid.
    private readonly ConditionalWeakTable<Tensor, double[]> crosses = new();

    public LinearRidge(CoarseCoordinates coordinates, ChannelDataset train, ChannelDataset validation)
    {
        Coordinates = coordinates;
        Features = coordinates.Featurise(train.Input);
        Targets = Flat(train.Target);
        ValidationFeatures = coordinates.Featurise(validation.Input);
        ValidationTargets = Flat(validation.Target);
        FeatureCount = coordinates.Features;
        gram = Values(Features.t().matmul(Features));
        Scale = LinearFit.Scale(gram, FeatureCount);
    }

    public CoarseCoordinates Coordinates { get; }

    /// <summary>X of the training split, [n, p].</summary>
    public Tensor Features { get; }

    /// <summary>The training split's channels, [n, 2048].</summary>
    public Tensor Targets { get; }

    public Tensor ValidationFeatures { get; }

    public Tensor ValidationTargets { get; }

    public int FeatureCount { get; }

    /// <summary>The mean diagonal of X^T X: lambda = relative lambda x this.</summary>
    public double Scale { get; }

    /// <summary>Channel tensors [N, 32, 64] (or outputs of that shape) as [N, 2048] float64.</summary>
    public static Tensor Flat(Tensor channels) => channels.reshape(channels.shape[0], -1).to_type(ScalarType.Float64);

    /// <summary>W [p, q] minimising ||T - X W||^2 + lambda ||W - W0||^2 for T [n, q] and W0 [p, q], lambda = <paramref name="relativeLambda"/> x <see cref="Scale"/>.</summary>
    public Tensor Solve(Tensor targets, Tensor prior, double relativeLambda)
    {
        int p = FeatureCount, q = (int)targets.shape[1];
        var c = new double[q * p];
        LinearFit.Solve(gram, crosses.GetValue(targets, t => Values(Features.t().matmul(t))), p, q, Values(prior.t()), relativeLambda * Scale, default, default, 0, 0, c);
        return tensor(c, [q, p], ScalarType.Float64).t();
    }

    /// <summary>Validation NMSE (dB) of X W + <paramref name="scale"/> x the frozen term's outputs [n, 2048] on the validation split (none where null).</summary>
    public double ValidationNmseDb(Tensor weights, Tensor? validationBase, double scale)
    {
        using var scope = NewDisposeScope();
        var estimate = ValidationFeatures.matmul(weights);
        if (validationBase is not null)
            estimate = estimate + validationBase * scale;
        return ChannelMetrics.ToDb(TensorMetrics.NmsePerSample(AsChannels(estimate), AsChannels(ValidationTargets)).mean().item<double>());
    }

    private static Tensor AsChannels(Tensor flat) => flat.reshape(flat.shape[0], ChannelLayout.Antennas, ChannelLayout.TokenWidth);

    /// <summary>The fit of least validation NMSE among those at every strength of <see cref="LinearFit.LambdaGrid"/>, and the curve it was chosen on.</summary>
    public static (T Best, RidgeChoice Choice) Choose<T>(Func<double, T> fitAt, Func<T, double> validationNmseDb)
    {
        var grid = LinearFit.LambdaGrid;
        var curve = new double[grid.Length];
        T? best = default;
        int bestIndex = -1;
        for (int i = 0; i < grid.Length; i++)
        {
            var fit = fitAt(grid[i]);
            curve[i] = validationNmseDb(fit);
            if (bestIndex < 0 || curve[i] < curve[bestIndex])
            {
                best = fit;
                bestIndex = i;
            }
        }
        return (best!, new RidgeChoice(grid[bestIndex], curve));
    }

    private static double[] Values(Tensor t) => t.contiguous().data<double>().ToArray();
}
