using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>
/// The input coordinates of a <see cref="LinearSam"/>: the principal axes of coarse estimates H_in (2048 reals each),
/// fitted once on one data set and fixed afterwards. Features x = [B^T (vec(H_in) - mean), 1], B holding every axis
/// that carries energy: the coarse estimate pinv(A) s lies in the M-dimensional row space of A, so B spans it whenever
/// the data do and x is then an exact, invertible encoding of H_in (plus a constant). Float64; owns its tensors.
/// </summary>
public sealed class CoarseCoordinates : IDisposable
{
    /// <summary>An axis is kept while its variance exceeds this share of the largest: float32 data leave about 1e-14 elsewhere.</summary>
    public const double RelativeVarianceFloor = 1e-10;

    private readonly Tensor mean, basis;

    private CoarseCoordinates(Tensor mean, Tensor basis)
    {
        this.mean = mean;
        this.basis = basis;
    }

    /// <summary>Axes m; features are m + 1 with the constant.</summary>
    public int Axes => (int)basis.shape[1];

    public int Features => Axes + 1;

    /// <summary>The principal axes of <paramref name="inputs"/> ([N, 32, 64] coarse estimates) with energy, largest first.</summary>
    public static CoarseCoordinates Fit(Tensor inputs)
    {
        long n = inputs.shape[0];
        if (n < 2)
            throw new ArgumentException($"coarse coordinates need at least 2 samples; got {n}", nameof(inputs));
        using var scope = NewDisposeScope();
        var flat = inputs.reshape(n, -1).to_type(ScalarType.Float64);
        var mean = flat.mean([0]);
        var centred = flat - mean;
        var (variances, axes) = linalg.eigh(centred.t().matmul(centred));
        // Ascending eigenvalues: the kept axes are the last ones, reversed so that the largest comes first.
        double largest = variances.max().item<double>();
        long kept = Math.Min(variances.gt(largest * RelativeVarianceFloor).sum().item<long>(), n - 1);
        if (kept < 1)
            throw new ArgumentException("the coarse estimates carry no variance to fit axes to", nameof(inputs));
        var basis = axes.narrow(1, axes.shape[1] - kept, kept).flip(1).contiguous();
        return new CoarseCoordinates(mean.MoveToOuterDisposeScope(), basis.MoveToOuterDisposeScope());
    }

    /// <summary>Features [N, m + 1] (float64) of coarse estimates [N, 32, 64].</summary>
    public Tensor Featurise(Tensor inputs)
    {
        using var scope = NewDisposeScope();
        long n = inputs.shape[0];
        var coordinates = (inputs.reshape(n, -1).to_type(ScalarType.Float64) - mean).matmul(basis);
        return cat([coordinates, ones(n, 1, dtype: ScalarType.Float64)], 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The weights [m + 1, 2048] of the map that gives back the coarse estimate itself, mean + B x: what a model with no
    /// data of its own does, as a transformer with its input skip does before training.
    /// </summary>
    public Tensor CoarseEstimateWeights() => cat([basis.t(), mean.unsqueeze(0)], 0);

    /// <summary>
    /// A map's weights [m' + 1, q] in the coordinates <paramref name="from"/> re-expressed in these, [m + 1, q]: the same
    /// map on every input in these coordinates' span (h_in = mean + B x there, so x' = B'^T (mean - mean') + B'^T B x).
    /// </summary>
    public Tensor Reexpress(CoarseCoordinates from, Tensor weights)
    {
        using var scope = NewDisposeScope();
        var linear = weights.narrow(0, 0, from.Axes);
        var constant = weights[from.Axes] + (mean - from.mean).matmul(from.basis).matmul(linear);
        return cat([basis.t().matmul(from.basis).matmul(linear), constant.unsqueeze(0)], 0).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        mean.Dispose();
        basis.Dispose();
    }
}
