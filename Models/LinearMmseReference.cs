using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>
/// A genie reference for channel reconstruction: per region, the affine least-squares estimate of H from the coarse
/// estimate H_in, fitted on many samples of that region (the region's channel statistics known, which no agent has).
/// H_in = pinv(A) A vec(H) lies in the M-dimensional row space of A, so the fit regresses H on H_in's coordinates in
/// that space plus a constant: the linear MMSE estimator with the region's sample mean and covariance. It tells how
/// low the mean NMSE of the scenario's regions can go with a linear estimator, whatever the training or cooperation.
/// </summary>
public static class LinearMmseReference
{
    /// <summary>Sample indices the fit and the test draw from: above the agents', pool's and downstream task's.</summary>
    public const long FitFirstIndex = 3_000_000_000L, TestFirstIndex = 3_500_000_000L;

    /// <summary>
    /// Fits the estimator on <paramref name="fitSamples"/> samples of <paramref name="region"/> and returns its mean
    /// per-sample NMSE (linear) on <paramref name="testSamples"/> fresh ones.
    /// </summary>
    public static double TestNmse(IChannelSource source, int region, int fitSamples, int testSamples)
    {
        if (testSamples < 1)
            throw new ArgumentOutOfRangeException(nameof(testSamples), testSamples, "at least one test sample is needed");
        using var scope = NewDisposeScope();
        using var fit = source.Sample(region, FitFirstIndex, fitSamples);
        using var test = source.Sample(region, TestFirstIndex, testSamples);
        var estimate = Fit(fit.Input, fit.Target).Apply(test.Input);
        return TensorMetrics.NmsePerSample(estimate, test.Target).mean().item<float>();
    }

    /// <summary>The least-squares affine map from inputs [N, ...] to targets of the same shape.</summary>
    public static AffineMap Fit(Tensor inputs, Tensor targets)
    {
        long n = inputs.shape[0];
        using var scope = NewDisposeScope();
        var x = inputs.reshape(n, -1).to_type(ScalarType.Float64);
        var y = targets.reshape(n, -1).to_type(ScalarType.Float64);
        var (_, singular, vh) = linalg.svd(x, fullMatrices: false);
        // The inputs' own rank (M for coarse estimates): directions with no energy carry no information.
        long rank = singular.gt(singular[0] * 1e-6).sum().item<long>();
        if (n <= rank)
            throw new ArgumentException($"{n} samples cannot fit an affine map on {rank} input dimensions; at least {rank + 1} are needed.", nameof(inputs));
        var basis = vh.narrow(0, 0, rank).t();
        var features = AffineMap.Features(x, basis);
        var gram = features.t().matmul(features);
        // A ridge far below the data's scale only keeps the solve well posed.
        var ridge = eye(rank + 1, dtype: ScalarType.Float64) * (gram.diagonal().mean() * 1e-9);
        var weights = linalg.solve(gram + ridge, features.t().matmul(y));
        return new AffineMap(basis.MoveToOuterDisposeScope(), weights.MoveToOuterDisposeScope());
    }

    /// <summary>H_hat = [coordinates of H_in in the basis, 1] x weights.</summary>
    public sealed class AffineMap(Tensor basis, Tensor weights) : IDisposable
    {
        internal static Tensor Features(Tensor flat, Tensor basis)
        {
            var coordinates = flat.matmul(basis);
            return cat([coordinates, ones(coordinates.shape[0], 1, dtype: ScalarType.Float64)], 1);
        }

        public Tensor Apply(Tensor inputs)
        {
            using var scope = NewDisposeScope();
            var flat = inputs.reshape(inputs.shape[0], -1).to_type(ScalarType.Float64);
            return Features(flat, basis).matmul(weights).to_type(inputs.dtype).reshape(inputs.shape).MoveToOuterDisposeScope();
        }

        public void Dispose()
        {
            basis.Dispose();
            weights.Dispose();
        }
    }
}
