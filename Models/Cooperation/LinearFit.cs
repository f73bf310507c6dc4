namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// The closed-form fit of a linear estimator y = C x from private samples, pulled toward a prior and,
/// on anchors, toward target outputs (distillation as pseudo-samples):
/// minimise ||Y - X C^T||^2 + lambda ||C - C0||^2 + mu ||Z - Xa C_d^T||^2, where Z covers the first d
/// output coordinates (C_d their rows). Each coordinate's row is a ridge problem sharing one p x p
/// system, solved by Cholesky. <see cref="LeaveOneOutLambda"/> picks lambda from the private samples
/// alone (their leave-one-out error), so nothing outside an agent's own data tunes it. Matrices are
/// row-major double arrays; p is the feature count, q the output count.
/// </summary>
public static class LinearFit
{
    /// <summary>The ridge strengths tried, relative to the mean diagonal of X^T X.</summary>
    public static readonly double[] LambdaGrid = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1, 3, 10];

    /// <summary>Gram matrix G = X^T X (p x p) and B = X^T Y (p x q) of n samples; an empty <paramref name="gram"/> skips G.</summary>
    public static void Moments(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int n, int p, int q, Span<double> gram, Span<double> cross)
    {
        bool withGram = !gram.IsEmpty;
        gram.Clear();
        cross.Clear();
        for (int s = 0; s < n; s++)
        {
            var xs = x.Slice(s * p, p);
            var ys = y.Slice(s * q, q);
            for (int i = 0; i < p; i++)
            {
                double xi = xs[i];
                if (xi == 0)
                    continue;
                if (withGram)
                {
                    var g = gram.Slice(i * p, p);
                    for (int j = 0; j <= i; j++)
                        g[j] += xi * xs[j];
                }
                var c = cross.Slice(i * q, q);
                for (int k = 0; k < q; k++)
                    c[k] += xi * ys[k];
            }
        }
        for (int i = 0; i < p && withGram; i++)
            for (int j = 0; j < i; j++)
                gram[j * p + i] = gram[i * p + j];
    }

    /// <summary>B = X^T Y (p x q) of n samples alone.</summary>
    public static double[] Cross(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int n, int p, int q)
    {
        var cross = new double[p * q];
        Moments(x, y, n, p, q, default, cross);
        return cross;
    }

    /// <summary>Mean of the diagonal of a p x p matrix: the scale <see cref="LambdaGrid"/> is relative to.</summary>
    public static double Scale(ReadOnlySpan<double> gram, int p)
    {
        double sum = 0;
        for (int i = 0; i < p; i++)
            sum += gram[i * p + i];
        return Math.Max(sum / p, 1e-12);
    }

    /// <summary>
    /// C (q x p) from the moments of the private samples, the prior C0 (q x p) at strength
    /// <paramref name="lambda"/>, and optionally anchors: their Gram Xa^T Xa (p x p) and Xa^T Z (p x d) at
    /// weight <paramref name="mu"/>, for the first d coordinates.
    /// </summary>
    public static void Solve(ReadOnlySpan<double> gram, ReadOnlySpan<double> cross, int p, int q, ReadOnlySpan<double> prior, double lambda,
        ReadOnlySpan<double> anchorGram, ReadOnlySpan<double> anchorCross, int d, double mu, Span<double> c)
    {
        // The anchored rows share one system, the others another.
        int split = d > 0 && mu > 0 ? d : 0;
        if (split > 0)
            SolveRows(gram, cross, p, q, prior, lambda, anchorGram, anchorCross, d, mu, 0, split, c);
        SolveRows(gram, cross, p, q, prior, lambda, default, default, 0, 0, split, q, c);
    }

    private static void SolveRows(ReadOnlySpan<double> gram, ReadOnlySpan<double> cross, int p, int q, ReadOnlySpan<double> prior, double lambda,
        ReadOnlySpan<double> anchorGram, ReadOnlySpan<double> anchorCross, int d, double mu, int from, int to, Span<double> c)
    {
        if (from >= to)
            return;
        var system = new double[p * p];
        for (int i = 0; i < p * p; i++)
            system[i] = gram[i] + (mu > 0 ? mu * anchorGram[i] : 0);
        for (int i = 0; i < p; i++)
            system[i * p + i] += lambda;
        Cholesky(system, p);
        var rhs = new double[p];
        for (int k = from; k < to; k++)
        {
            for (int i = 0; i < p; i++)
                rhs[i] = cross[i * q + k] + lambda * prior[k * p + i] + (mu > 0 ? mu * anchorCross[i * d + k] : 0);
            SolveCholesky(system, p, rhs);
            rhs.AsSpan().CopyTo(c.Slice(k * p, p));
        }
    }

    /// <summary>
    /// The leave-one-out error, on the private samples' first <paramref name="d"/> coordinates, of the fit anchored
    /// at weight <paramref name="mu"/> (with mu = 0, of the fit without anchors): how well the fit predicts each
    /// private sample when that sample is left out, whatever the anchors say.
    /// </summary>
    public static double AnchoredLeaveOneOutError(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int n, int p, int q, ReadOnlySpan<double> gram, ReadOnlySpan<double> cross,
        ReadOnlySpan<double> prior, double lambda, ReadOnlySpan<double> anchorGram, ReadOnlySpan<double> anchorCross, int d, double mu)
    {
        var system = new double[p * p];
        for (int i = 0; i < p * p; i++)
            system[i] = gram[i] + (mu > 0 ? mu * anchorGram[i] : 0);
        for (int i = 0; i < p; i++)
            system[i * p + i] += lambda;
        Cholesky(system, p);
        var c = new double[d * p];
        var rhs = new double[p];
        for (int k = 0; k < d; k++)
        {
            for (int i = 0; i < p; i++)
                rhs[i] = cross[i * q + k] + lambda * prior[k * p + i] + (mu > 0 ? mu * anchorCross[i * d + k] : 0);
            SolveCholesky(system, p, rhs);
            rhs.AsSpan().CopyTo(c.AsSpan(k * p, p));
        }
        return LeaveOneOutError(x, y, n, p, q, d, system, c, new double[p]);
    }

    // Sum over samples and the first d outputs of the squared leave-one-out residuals of the fit c, whose
    // regularised Gram matrix is factored in system: each residual scaled by 1 / (1 - leverage).
    private static double LeaveOneOutError(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int n, int p, int q, int d, double[] system, double[] c, double[] column)
    {
        double error = 0;
        for (int s = 0; s < n; s++)
        {
            var xs = x.Slice(s * p, p);
            xs.CopyTo(column);
            SolveCholesky(system, p, column);
            double leverage = 0;
            for (int i = 0; i < p; i++)
                leverage += xs[i] * column[i];
            double shrink = 1 / Math.Max(1 - leverage, 1e-6);
            for (int k = 0; k < d; k++)
            {
                double fitted = 0;
                for (int i = 0; i < p; i++)
                    fitted += c[k * p + i] * xs[i];
                double r = (y[s * q + k] - fitted) * shrink;
                error += r * r;
            }
        }
        return error;
    }

    /// <summary>The lambda of <see cref="LambdaGrid"/> (times the scale) with the least leave-one-out error on the samples, toward the prior.</summary>
    public static double LeaveOneOutLambda(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int n, int p, int q, ReadOnlySpan<double> prior)
    {
        var gram = new double[p * p];
        var cross = new double[p * q];
        Moments(x, y, n, p, q, gram, cross);
        double scale = Scale(gram, p);
        var c = new double[q * p];
        var system = new double[p * p];
        var column = new double[p];
        double best = double.PositiveInfinity, bestLambda = scale;
        foreach (double relative in LambdaGrid)
        {
            double lambda = relative * scale;
            Solve(gram, cross, p, q, prior, lambda, default, default, 0, 0, c);
            gram.CopyTo(system, 0);
            for (int i = 0; i < p; i++)
                system[i * p + i] += lambda;
            Cholesky(system, p);
            double error = LeaveOneOutError(x, y, n, p, q, q, system, c, column);
            if (error < best)
            {
                best = error;
                bestLambda = lambda;
            }
        }
        return bestLambda;
    }

    /// <summary>y = C x for one sample.</summary>
    public static void Predict(ReadOnlySpan<double> c, int p, int q, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int k = 0; k < q; k++)
        {
            double v = 0;
            var row = c.Slice(k * p, p);
            for (int i = 0; i < p; i++)
                v += row[i] * x[i];
            y[k] = v;
        }
    }

    // In place: the lower triangle becomes L with A = L L^T. The systems here are a Gram matrix plus a positive ridge.
    private static void Cholesky(double[] a, int p)
    {
        for (int j = 0; j < p; j++)
        {
            double d = a[j * p + j];
            for (int k = 0; k < j; k++)
                d -= a[j * p + k] * a[j * p + k];
            d = Math.Sqrt(Math.Max(d, 1e-300));
            a[j * p + j] = d;
            for (int i = j + 1; i < p; i++)
            {
                double v = a[i * p + j];
                for (int k = 0; k < j; k++)
                    v -= a[i * p + k] * a[j * p + k];
                a[i * p + j] = v / d;
            }
        }
    }

    private static void SolveCholesky(double[] l, int p, Span<double> b)
    {
        for (int i = 0; i < p; i++)
        {
            double v = b[i];
            for (int k = 0; k < i; k++)
                v -= l[i * p + k] * b[k];
            b[i] = v / l[i * p + i];
        }
        for (int i = p - 1; i >= 0; i--)
        {
            double v = b[i];
            for (int k = i + 1; k < p; k++)
                v -= l[k * p + i] * b[k];
            b[i] = v / l[i * p + i];
        }
    }
}
