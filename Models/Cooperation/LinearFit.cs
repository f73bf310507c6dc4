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
                    Lanes.AddScaled(gram.Slice(i * p, i + 1), xi, xs[..(i + 1)]);
                Lanes.AddScaled(cross.Slice(i * q, q), xi, ys);
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
        using var system = new PooledDoubles(p * p);
        using var rhs = new PooledDoubles(p * (to - from));
        Factor(gram, p, lambda, anchorGram, mu, system.Span);
        SolveInto(system.Span, cross, p, q, prior, lambda, anchorCross, d, mu, from, to, rhs.Span, c);
    }

    // In place: system = L with L L^T = G + mu Ga + lambda I.
    private static void Factor(ReadOnlySpan<double> gram, int p, double lambda, ReadOnlySpan<double> anchorGram, double mu, Span<double> system)
    {
        for (int i = 0; i < p * p; i++)
            system[i] = gram[i] + (mu > 0 ? mu * anchorGram[i] : 0);
        for (int i = 0; i < p; i++)
            system[i * p + i] += lambda;
        Cholesky(system, p);
    }

    // Rows from..to of C from the factored system: every row's right-hand side solved at once, as columns of rhs (p x rows).
    private static void SolveInto(ReadOnlySpan<double> system, ReadOnlySpan<double> cross, int p, int q, ReadOnlySpan<double> prior, double lambda,
        ReadOnlySpan<double> anchorCross, int d, double mu, int from, int to, Span<double> rhs, Span<double> c)
    {
        int m = to - from;
        for (int i = 0; i < p; i++)
            for (int k = from; k < to; k++)
                rhs[i * m + k - from] = cross[i * q + k] + lambda * prior[k * p + i] + (mu > 0 ? mu * anchorCross[i * d + k] : 0);
        SolveCholesky(system, p, rhs[..(p * m)], m);
        for (int k = from; k < to; k++)
            for (int i = 0; i < p; i++)
                c[k * p + i] = rhs[i * m + k - from];
    }

    /// <summary>
    /// The leave-one-out error, on the private samples' first <paramref name="d"/> coordinates, of the fit anchored
    /// at weight <paramref name="mu"/> (with mu = 0, of the fit without anchors): how well the fit predicts each
    /// private sample when that sample is left out, whatever the anchors say.
    /// </summary>
    public static double AnchoredLeaveOneOutError(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int n, int p, int q, ReadOnlySpan<double> gram, ReadOnlySpan<double> cross,
        ReadOnlySpan<double> prior, double lambda, ReadOnlySpan<double> anchorGram, ReadOnlySpan<double> anchorCross, int d, double mu)
    {
        using var system = new PooledDoubles(p * p);
        using var c = new PooledDoubles(d * p);
        using var rhs = new PooledDoubles(p * d);
        Factor(gram, p, lambda, anchorGram, mu, system.Span);
        SolveInto(system.Span, cross, p, q, prior, lambda, anchorCross, d, mu, 0, d, rhs.Span, c.Span);
        using var scratch = new LeaveOneOutScratch(x, n, p, d);
        return LeaveOneOutError(scratch, y, q, d, system.Span, c.Span);
    }

    // What the leave-one-out error needs besides the fit, made once per sample set: the samples as columns (p x n) and room for their solves.
    private readonly struct LeaveOneOutScratch : IDisposable
    {
        public LeaveOneOutScratch(ReadOnlySpan<double> x, int n, int p, int outputs)
        {
            (N, P) = (n, p);
            Columns = new PooledDoubles(p * n);
            var columns = Columns.Span;
            for (int s = 0; s < n; s++)
                for (int i = 0; i < p; i++)
                    columns[i * n + s] = x[s * p + i];
            Solved = new PooledDoubles(p * n);
            Leverage = new PooledDoubles(n);
            Fitted = new PooledDoubles(outputs * n);
        }

        public int N { get; }

        public int P { get; }

        public PooledDoubles Columns { get; }

        public PooledDoubles Solved { get; }

        public PooledDoubles Leverage { get; }

        public PooledDoubles Fitted { get; }

        public void Dispose()
        {
            Columns.Dispose();
            Solved.Dispose();
            Leverage.Dispose();
            Fitted.Dispose();
        }
    }

    // Sum over samples and the first d outputs of the squared leave-one-out residuals of the fit c, whose
    // regularised Gram matrix is factored in system: each residual scaled by 1 / (1 - leverage). The samples are
    // solved and fitted all at once, each with the same operations in the same order as one at a time, so the
    // sum does not depend on how many lanes the hardware has.
    private static double LeaveOneOutError(in LeaveOneOutScratch scratch, ReadOnlySpan<double> y, int q, int d, ReadOnlySpan<double> system, ReadOnlySpan<double> c)
    {
        int n = scratch.N, p = scratch.P;
        var columns = scratch.Columns.Span;
        var solved = scratch.Solved.Span;
        columns.CopyTo(solved);
        SolveCholesky(system, p, solved, n);
        var leverage = scratch.Leverage.Span;
        leverage.Clear();
        for (int i = 0; i < p; i++)
            Lanes.AddProduct(leverage, columns.Slice(i * n, n), solved.Slice(i * n, n));
        var fitted = scratch.Fitted.Span[..(d * n)];
        fitted.Clear();
        for (int k = 0; k < d; k++)
        {
            var row = fitted.Slice(k * n, n);
            for (int i = 0; i < p; i++)
                Lanes.AddScaled(row, c[k * p + i], columns.Slice(i * n, n));
        }
        double error = 0;
        for (int s = 0; s < n; s++)
        {
            double shrink = 1 / Math.Max(1 - leverage[s], 1e-6);
            for (int k = 0; k < d; k++)
            {
                double r = (y[s * q + k] - fitted[k * n + s]) * shrink;
                error += r * r;
            }
        }
        return error;
    }

    /// <summary>The lambda of <see cref="LambdaGrid"/> (times the scale) with the least leave-one-out error on the samples, toward the prior.</summary>
    public static double LeaveOneOutLambda(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int n, int p, int q, ReadOnlySpan<double> prior)
    {
        using var gram = new PooledDoubles(p * p);
        using var cross = new PooledDoubles(p * q);
        Moments(x, y, n, p, q, gram.Span, cross.Span);
        double scale = Scale(gram.Span, p);
        using var c = new PooledDoubles(q * p);
        using var system = new PooledDoubles(p * p);
        using var rhs = new PooledDoubles(p * q);
        using var scratch = new LeaveOneOutScratch(x, n, p, q);
        double best = double.PositiveInfinity, bestLambda = scale;
        foreach (double relative in LambdaGrid)
        {
            double lambda = relative * scale;
            Factor(gram.Span, p, lambda, default, 0, system.Span);
            SolveInto(system.Span, cross.Span, p, q, prior, lambda, default, 0, 0, 0, q, rhs.Span, c.Span);
            double error = LeaveOneOutError(scratch, y, q, q, system.Span, c.Span);
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
    private static void Cholesky(Span<double> a, int p)
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

    // Solves L L^T X = B for the m columns of b (p x m, row-major) at once. Each column sees the operations of
    // the one-column forward and back substitution in the same order, lane by lane, so its result is the same.
    private static void SolveCholesky(ReadOnlySpan<double> l, int p, Span<double> b, int m)
    {
        for (int i = 0; i < p; i++)
        {
            var row = b.Slice(i * m, m);
            for (int k = 0; k < i; k++)
                Lanes.AddScaled(row, -l[i * p + k], b.Slice(k * m, m));
            Lanes.Divide(row, l[i * p + i]);
        }
        for (int i = p - 1; i >= 0; i--)
        {
            var row = b.Slice(i * m, m);
            for (int k = i + 1; k < p; k++)
                Lanes.AddScaled(row, -l[k * p + i], b.Slice(k * m, m));
            Lanes.Divide(row, l[i * p + i]);
        }
    }
}
