using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Tests.Models;

/// <summary>The closed-form fit of an agent's linear model, checked against maps known in advance.</summary>
public sealed class LinearFitTests
{
    private const int P = 6, Q = 3;

    // n samples of a fixed map y = C x (+ noise), with a constant feature last.
    private static (double[] X, double[] Y, double[] C) Samples(int n, double noise, int seed)
    {
        var random = new Random(seed);
        var c = Enumerable.Range(0, Q * P).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var x = new double[n * P];
        var y = new double[n * Q];
        for (int s = 0; s < n; s++)
        {
            for (int i = 0; i < P - 1; i++)
                x[s * P + i] = random.NextDouble() * 2 - 1;
            x[s * P + P - 1] = 1;
            LinearFit.Predict(c, P, Q, x.AsSpan(s * P, P), y.AsSpan(s * Q, Q));
            for (int k = 0; k < Q; k++)
                y[s * Q + k] += noise * (random.NextDouble() * 2 - 1);
        }
        return (x, y, c);
    }

    private static double[] Fit(double[] x, double[] y, int n, double lambda, double[]? anchorX = null, double[]? anchorZ = null, int d = 0, double mu = 0)
    {
        var gram = new double[P * P];
        var cross = new double[P * Q];
        LinearFit.Moments(x, y, n, P, Q, gram, cross);
        var c = new double[Q * P];
        double[] anchorGram = [], anchorCross = [];
        if (anchorX is not null)
        {
            int k = anchorX.Length / P;
            anchorGram = new double[P * P];
            anchorCross = new double[P * d];
            LinearFit.Moments(anchorX, anchorZ!, k, P, d, anchorGram, anchorCross);
        }
        LinearFit.Solve(gram, cross, P, Q, new double[Q * P], lambda, anchorGram, anchorCross, d, mu, c);
        return c;
    }

    private static double Distance(double[] a, double[] b) => a.Zip(b).Sum(p => (p.First - p.Second) * (p.First - p.Second));

    [Fact]
    public void NoiselessSamplesRecoverTheMapAndTheRidgePullsTowardThePrior()
    {
        var (x, y, c) = Samples(40, 0, 1);
        Assert.True(Distance(Fit(x, y, 40, 1e-9), c) < 1e-10);
        // A strong pull toward the zero prior shrinks the map.
        var shrunk = Fit(x, y, 40, 1e4);
        Assert.True(shrunk.Sum(v => v * v) < 0.01 * c.Sum(v => v * v));
    }

    [Fact]
    public void LeaveOneOutPicksALightRidgeForCleanDataAndAHeavierOneForFewNoisySamples()
    {
        var (x, y, _) = Samples(60, 0, 2);
        double clean = LinearFit.LeaveOneOutLambda(x, y, 60, P, Q, new double[Q * P]);
        var (nx, ny, _) = Samples(8, 3, 3);
        double noisy = LinearFit.LeaveOneOutLambda(nx, ny, 8, P, Q, new double[Q * P]);
        Assert.True(noisy > 100 * clean, $"lambda {noisy:G3} for 8 noisy samples, {clean:G3} for 60 clean ones");
    }

    [Fact]
    public void AnchorsWithTheTrueOutputsTeachWhatFewSamplesCannot()
    {
        var (x, y, c) = Samples(3, 0.1, 4);
        var (anchors, _, _) = Samples(20, 0, 5);
        var z = new double[20 * Q];
        for (int a = 0; a < 20; a++)
            LinearFit.Predict(c, P, Q, anchors.AsSpan(a * P, P), z.AsSpan(a * Q, Q));
        double alone = Distance(Fit(x, y, 3, 0.1), c);
        double taught = Distance(Fit(x, y, 3, 0.1, anchors, z, Q, 1), c);
        Assert.True(taught < 0.01 * alone, $"distance to the true map {taught:G3} with anchors, {alone:G3} without");
        // Only the first d coordinates are anchored; the others are the agent's own fit.
        var partial = Fit(x, y, 3, 0.1, anchors, z.Where((_, i) => i % Q == 0).ToArray(), 1, 1);
        Assert.Equal(Fit(x, y, 3, 0.1)[P..], partial[P..]);
    }

    [Fact]
    public void LeaveOneOutErrorTrustsATrueTargetAndNotAFalseOne()
    {
        var (x, y, c) = Samples(10, 0.2, 6);
        var (anchors, _, _) = Samples(20, 0, 7);
        var truth = new double[20 * Q];
        for (int a = 0; a < 20; a++)
            LinearFit.Predict(c, P, Q, anchors.AsSpan(a * P, P), truth.AsSpan(a * Q, Q));
        var wrong = truth.Select(v => -3 * v).ToArray();
        double Error(double[] target, double mu)
        {
            var gram = new double[P * P];
            var cross = new double[P * Q];
            LinearFit.Moments(x, y, 10, P, Q, gram, cross);
            var anchorGram = new double[P * P];
            var anchorCross = new double[P * Q];
            LinearFit.Moments(anchors, target, 20, P, Q, anchorGram, anchorCross);
            return LinearFit.AnchoredLeaveOneOutError(x, y, 10, P, Q, gram, cross, new double[Q * P], 0.1, anchorGram, anchorCross, Q, mu);
        }
        Assert.True(Error(truth, 1) < Error(truth, 0), "the truth on anchors predicts left-out samples better");
        Assert.True(Error(wrong, 1) > Error(wrong, 0), "a wrong target predicts them worse");
    }

    // The shortcut (each residual over 1 - leverage, every sample solved at once) must give what refitting
    // without each sample gives, with and without anchors, for sample counts that fill vector lanes and that leave a tail.
    [Theory]
    [InlineData(8, 0.0)]
    [InlineData(11, 0.0)]
    [InlineData(11, 0.7)]
    public void LeaveOneOutErrorEqualsRefittingWithoutEachSample(int n, double mu)
    {
        var (x, y, _) = Samples(n, 0.3, 8);
        var (anchors, z, _) = Samples(20, 0.5, 9);
        var random = new Random(10);
        var prior = Enumerable.Range(0, Q * P).Select(_ => random.NextDouble() - 0.5).ToArray();
        const int d = 2;
        var anchorZ = Enumerable.Range(0, 20 * d).Select(i => z[i / d * Q + i % d]).ToArray();
        var anchorGram = new double[P * P];
        var anchorCross = new double[P * d];
        LinearFit.Moments(anchors, anchorZ, 20, P, d, anchorGram, anchorCross);
        const double lambda = 0.05;
        double refitted = 0;
        var fitted = new double[Q];
        for (int left = 0; left < n; left++)
        {
            var keep = Enumerable.Range(0, n).Where(s => s != left).ToArray();
            var kx = keep.SelectMany(s => x.Skip(s * P).Take(P)).ToArray();
            var ky = keep.SelectMany(s => y.Skip(s * Q).Take(Q)).ToArray();
            var gram = new double[P * P];
            var cross = new double[P * Q];
            LinearFit.Moments(kx, ky, n - 1, P, Q, gram, cross);
            var c = new double[Q * P];
            LinearFit.Solve(gram, cross, P, Q, prior, lambda, anchorGram, anchorCross, d, mu, c);
            LinearFit.Predict(c, P, Q, x.AsSpan(left * P, P), fitted);
            for (int k = 0; k < d; k++)
                refitted += Math.Pow(y[left * Q + k] - fitted[k], 2);
        }
        var allGram = new double[P * P];
        var allCross = new double[P * Q];
        LinearFit.Moments(x, y, n, P, Q, allGram, allCross);
        double shortcut = LinearFit.AnchoredLeaveOneOutError(x, y, n, P, Q, allGram, allCross, prior, lambda, anchorGram, anchorCross, d, mu);
        Assert.Equal(refitted, shortcut, refitted * 1e-9);
    }
}
