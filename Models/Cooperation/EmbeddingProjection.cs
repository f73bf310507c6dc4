using MathNet.Numerics.LinearAlgebra;
using static TorchSharp.torch;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// Principal axes of the encoder's embeddings, largest variance first, so that the first d coordinates
/// of a projected embedding are the best d-dimensional summary of it: an agent sharing d dimensions
/// sends those. Fitted once (by the cloud, on its data pool) and shared read-only.
/// </summary>
public sealed class EmbeddingProjection : IDisposable
{
    private readonly Tensor _mean;
    private readonly Tensor _axes;

    private EmbeddingProjection(Tensor mean, Tensor axes, double[] explained)
    {
        _mean = mean;
        _axes = axes;
        ExplainedVariance = explained;
    }

    /// <summary>Embedding width (the encoder's d_model).</summary>
    public int Dimension => (int)_axes.shape[0];

    /// <summary>Cumulative share of variance kept by the first k+1 coordinates, for k = 0..Dimension-1.</summary>
    public IReadOnlyList<double> ExplainedVariance { get; }

    /// <summary>Fits the axes to embeddings [N, D] (N >= 2).</summary>
    public static EmbeddingProjection Fit(Tensor embeddings)
    {
        if (embeddings.ndim != 2 || embeddings.shape[0] < 2)
            throw new ArgumentException($"Embeddings must be [N >= 2, D]; got [{string.Join(", ", embeddings.shape)}].");
        using var scope = NewDisposeScope();
        var x = embeddings.to_type(ScalarType.Float64);
        var mean = x.mean([0]);
        var centred = x - mean;
        var covariance = centred.t().matmul(centred) / (x.shape[0] - 1);
        int d = (int)x.shape[1];
        var matrix = Matrix<double>.Build.DenseOfColumnMajor(d, d, covariance.contiguous().data<double>().ToArray());
        var evd = matrix.Evd(Symmetricity.Symmetric);
        // MathNet returns eigenvalues in ascending order; reverse to put the largest variance first.
        var order = Enumerable.Range(0, d).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var axes = new double[d * d];
        for (int k = 0; k < d; k++)
        {
            var v = evd.EigenVectors.Column(order[k]);
            // Fix each axis's sign (largest component positive) so the projection does not depend on the solver's choice.
            int pivot = v.AbsoluteMaximumIndex();
            double sign = v[pivot] < 0 ? -1 : 1;
            for (int i = 0; i < d; i++)
                axes[i * d + k] = sign * v[i];
        }
        double total = order.Sum(i => Math.Max(0, evd.EigenValues[i].Real));
        double running = 0;
        var explained = order.Select(i => (running += Math.Max(0, evd.EigenValues[i].Real)) / total).ToArray();
        return new EmbeddingProjection(
            mean.to_type(ScalarType.Float32).detach().MoveToOuterDisposeScope(),
            tensor(axes, [d, d]).to_type(ScalarType.Float32).MoveToOuterDisposeScope(),
            explained);
    }

    /// <summary>The first <paramref name="dimensions"/> principal coordinates of embeddings [N, D]: [N, dimensions]. Differentiable.</summary>
    public Tensor Project(Tensor embeddings, int dimensions)
    {
        if (dimensions < 1 || dimensions > Dimension)
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, $"the encoder offers 1..{Dimension} dimensions");
        using var scope = NewDisposeScope();
        return (embeddings - _mean).matmul(_axes.narrow(1, 0, dimensions)).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _mean.Dispose();
        _axes.Dispose();
    }
}
