using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>
/// LASCO and E-LASCO with linear SAMs (<see cref="SamFamily.Linear"/>; docs/methods.md, "LASCO and E-LASCO"). The LAM
/// and a reference <see cref="LinearSam"/> fitted on the pooled pretraining regions are frozen; every adapting method
/// fits a new linear SAM in closed form on the region's train split, its ridge strength chosen on the validation split
/// (<see cref="LinearRidge"/>). They work in the region's own coordinates, the principal axes of its train split's
/// coarse estimates, where the reference's map is re-expressed as their prior (<see cref="CoarseCoordinates.Reexpress"/>):
/// <list type="bullet">
/// <item>fine-tuned SAM, the ablation without reference, and LASCO's proxy: ridge toward the reference's weights (the
/// closed form of starting from the reference and fine-tuning) on H, H - f_lam and H - (f_lam - f_ref);</item>
/// <item>Baseline A: ridge toward zero on H - f_lam (a SAM from scratch, without input skip);</item>
/// <item>E-LASCO: H_hat = X W + alpha (f_lam - f_ref), W toward the reference's weights and alpha unpenalised, both at
/// the joint minimum of the penalised training loss (for a fixed alpha W is a ridge fit, linear in alpha, so the
/// loss is a quadratic in alpha).</item>
/// </list>
/// With a linear reference, LASCO's proxy is the reference plus Baseline A's map (on the train inputs f_ref is X W_ref
/// in the region's coordinates): f_ref cancels, and LASCO and Baseline A give the same estimates.
/// </summary>
public sealed class LinearLasco : ILascoAdapter
{
    private readonly TransformerModel lam;
    private readonly LinearSam reference;

    public LinearLasco(TransformerModel lam, LinearSam reference)
    {
        this.lam = lam.Freeze();
        this.reference = reference;
    }

    public IReadOnlyList<AdaptationResult> Adapt(RegionSplit region, IEnumerable<LascoMethod> methods)
    {
        using var coordinates = CoarseCoordinates.Fit(region.Train.Input);
        using var scope = NewDisposeScope();
        var problem = new LinearRidge(coordinates, region.Train, region.Validation);
        var prior = coordinates.Reexpress(reference.Coordinates, reference.Weights);
        var train = new FrozenOutputs(Outputs(lam, region.Train), Outputs(reference, region.Train));
        var validation = new FrozenOutputs(Outputs(lam, region.Validation), Outputs(reference, region.Validation));
        return methods.Select(m => Adapt(m, region, problem, prior, train, validation)).ToList();
    }

    private AdaptationResult Adapt(LascoMethod method, RegionSplit region, LinearRidge problem, Tensor referencePrior,
        FrozenOutputs train, FrozenOutputs validation)
    {
        RidgeChoice? choice = null;
        ResidualEstimator estimator;
        switch (method)
        {
            case LascoMethod.Lam:
                estimator = new ResidualEstimator(lam);
                break;
            case LascoMethod.Sam:
                estimator = new ResidualEstimator(reference);
                break;
            case LascoMethod.ELasco:
            {
                var z = train.Lam - train.Reference;
                var validationZ = validation.Lam - validation.Reference;
                var ((weights, alpha), elastic) = LinearRidge.Choose(
                    lambda => Elastic(problem, z, lambda, referencePrior),
                    fit => problem.ValidationNmseDb(fit.Weights, validationZ, fit.Alpha));
                choice = elastic;
                estimator = new ResidualEstimator(new LinearSam(problem.Coordinates, weights), learnableScale: true, initialScale: alpha);
                break;
            }
            default:
            {
                var trainBase = Lasco.FrozenTerm(method, train.Lam, train.Reference);
                var validationBase = Lasco.FrozenTerm(method, validation.Lam, validation.Reference);
                var target = trainBase is null ? problem.Targets : problem.Targets - trainBase;
                var prior = method == LascoMethod.BaselineA ? zeros_like(referencePrior) : referencePrior;
                (var fitted, choice) = LinearRidge.Choose(lambda => problem.Solve(target, prior, lambda), w => problem.ValidationNmseDb(w, validationBase, 1));
                estimator = new ResidualEstimator(new LinearSam(problem.Coordinates, fitted));
                break;
            }
        }
        long parameters = method.Adapts() ? referencePrior.numel() + (method == LascoMethod.ELasco ? 1 : 0) : 0;
        var (nmseDb, gcs, latency) = Lasco.Evaluate(new AdaptedModel(method, lam, reference, estimator), region.Test);
        return new AdaptationResult(region.Region, method, nmseDb, gcs, estimator.Scale, parameters, null, choice, latency);
    }

    /// <summary>
    /// E-LASCO at one ridge strength: W and alpha minimising ||H - X W - alpha Z||^2 + lambda ||W - W_ref||^2, Z = f_lam - f_ref.
    /// W(alpha) = W_a - alpha W_b (W_a the ridge fit of H toward W_ref, W_b that of Z toward zero), so with
    /// R = H - X W_a and D = Z - X W_b the loss is ||R - alpha D||^2 + lambda ||W_a - W_ref - alpha W_b||^2, least at
    /// alpha = (&lt;R, D&gt; + lambda &lt;W_a - W_ref, W_b&gt;) / (||D||^2 + lambda ||W_b||^2).
    /// </summary>
    public static (Tensor Weights, double Alpha) Elastic(LinearRidge problem, Tensor z, double relativeLambda, Tensor referenceWeights)
    {
        double lambda = relativeLambda * problem.Scale;
        var wa = problem.Solve(problem.Targets, referenceWeights, relativeLambda);
        var wb = problem.Solve(z, zeros_like(referenceWeights), relativeLambda);
        var r = problem.Targets - problem.Features.matmul(wa);
        var d = z - problem.Features.matmul(wb);
        double numerator = (r * d).sum().item<double>() + lambda * ((wa - referenceWeights) * wb).sum().item<double>();
        double denominator = (d * d).sum().item<double>() + lambda * (wb * wb).sum().item<double>();
        // Where the LAM and the reference agree everywhere there is nothing to weigh: alpha stays at LASCO's 1.
        double alpha = denominator > 0 ? numerator / denominator : 1;
        return (wa - alpha * wb, alpha);
    }

    // A frozen model's outputs on a split, [n, 2048] float64, in the caller's dispose scope.
    private static Tensor Outputs(nn.Module<Tensor, Tensor> model, ChannelDataset data) =>
        LinearRidge.Flat(Batches.Predict(data.Count, (start, length) => model.forward(data.Input.narrow(0, start, length))));

    /// <summary>The LAM's and the reference's outputs on one split, computed once for every method.</summary>
    private sealed record FrozenOutputs(Tensor Lam, Tensor Reference);
}
