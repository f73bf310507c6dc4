using MaLAM4Com.Models;
using MaLAM4Com.Models.Cooperation;
using static TorchSharp.torch;

namespace MaLAM4Com.Tests.Models;

public sealed class LinearLascoTests(TinyPretrainedModels models) : IClassFixture<TinyPretrainedModels>
{
    // The linear reference SAM, fitted on the same pooled regions 1 and 2 as the fixture's networks.
    private LinearSam Reference()
    {
        using var pooled = ChannelDataset.Concat([models.Source.Region(1, 128, seed: 1), models.Source.Region(2, 128, seed: 1)]);
        var (train, validation, empty) = pooled.Split(0.9, 0.1, seed: 1);
        using (train)
        using (validation)
        using (empty)
            return LinearSam.Fit(train, validation).Sam;
    }

    /// <summary>A held-out region's ridge problem in its own coordinates, the reference re-expressed there as the prior.</summary>
    private sealed class RegionProblem : IDisposable
    {
        private readonly TorchSharp.DisposeScope scope;

        public RegionProblem(LinearSam reference, RegionSplit split)
        {
            Reference = reference;
            Split = split;
            Coordinates = CoarseCoordinates.Fit(Split.Train.Input);
            scope = NewDisposeScope();
            Problem = new LinearRidge(Coordinates, Split.Train, Split.Validation);
            Prior = Coordinates.Reexpress(Reference.Coordinates, Reference.Weights);
        }

        public LinearSam Reference { get; }
        public RegionSplit Split { get; }
        public CoarseCoordinates Coordinates { get; }
        public LinearRidge Problem { get; }
        public Tensor Prior { get; }

        public void Dispose()
        {
            scope.Dispose();
            Coordinates.Dispose();
            Split.Dispose();
            Reference.Dispose();
        }
    }

    [Fact]
    public void TheCoarseEstimateWeightsGiveBackTheCoarseEstimate()
    {
        using var split = models.Region(3);
        using var coordinates = CoarseCoordinates.Fit(split.Train.Input);
        using var sam = new LinearSam(coordinates, coordinates.CoarseEstimateWeights());
        using var noGrad = no_grad();
        using var output = sam.forward(split.Test.Input);
        Assert.True(output.allclose(split.Test.Input, rtol: 1e-4, atol: 1e-4));
    }

    [Fact]
    public void AProxyPulledHardTowardTheReferenceIsTheReferenceInTheRegionsOwnCoordinates()
    {
        using var region = new RegionProblem(Reference(), models.Region(3));
        var (problem, test, reference) = (region.Problem, region.Split.Test.Input, region.Reference);
        using var proxy = new LinearSam(region.Coordinates, problem.Solve(problem.Targets, region.Prior, relativeLambda: 1e12));
        using var noGrad = no_grad();
        Assert.True(proxy.forward(test).allclose(reference.forward(test), rtol: 1e-3, atol: 1e-3));
        // A weak pull lets the region's data move it.
        using var fitted = new LinearSam(region.Coordinates, problem.Solve(problem.Targets, region.Prior, relativeLambda: 1e-4));
        Assert.False(fitted.forward(test).allclose(reference.forward(test), rtol: 1e-3, atol: 1e-3));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void FittedSamsBeatTheReferenceOnARegionThatDiffersAndLascoIsBaselineA(int region)
    {
        using var reference = Reference();
        using var split = models.Region(region);
        var results = new LinearLasco(models.Lam, reference).Adapt(split,
            [LascoMethod.Lam, LascoMethod.Sam, LascoMethod.SamFinetune, LascoMethod.BaselineA, LascoMethod.Lasco, LascoMethod.ELasco]);
        double Nmse(LascoMethod m) => results.Single(r => r.Method == m).TestNmseDb;
        Assert.True(Nmse(LascoMethod.SamFinetune) < Nmse(LascoMethod.Sam) - 1, $"fine-tuned {Nmse(LascoMethod.SamFinetune):F2} dB vs reference {Nmse(LascoMethod.Sam):F2} dB");
        Assert.True(Nmse(LascoMethod.ELasco) < Nmse(LascoMethod.Lam) - 1, $"E-LASCO {Nmse(LascoMethod.ELasco):F2} dB vs LAM {Nmse(LascoMethod.Lam):F2} dB");
        // The reference's output cancels: LASCO's proxy is the reference plus Baseline A's map, the same lambda chosen.
        Assert.Equal(Nmse(LascoMethod.BaselineA), Nmse(LascoMethod.Lasco), 3);
        Assert.Equal(results.Single(r => r.Method == LascoMethod.BaselineA).Ridge!.RelativeLambda, results.Single(r => r.Method == LascoMethod.Lasco).Ridge!.RelativeLambda);
        Assert.All(results.Where(r => r.Method.Adapts()), r => Assert.Equal(LinearFit.LambdaGrid.Length, r.Ridge!.ValidationNmseDb.Count));
    }

    [Fact]
    public void ELascoFitsItsTrainingLossNoWorseThanLascoAtEveryRidgeStrength()
    {
        using var region = new RegionProblem(Reference(), models.Region(4));
        var (problem, prior, input) = (region.Problem, region.Prior, region.Split.Train.Input);
        using var noGrad = no_grad();
        var z = LinearRidge.Flat(models.Lam.forward(input)) - LinearRidge.Flat(region.Reference.forward(input));
        double Loss(Tensor w, double alpha, double relativeLambda) =>
            Squares(problem.Targets - problem.Features.matmul(w) - alpha * z)
            + relativeLambda * problem.Scale * Squares(w - prior);
        static double Squares(Tensor t) => (t * t).sum().item<double>();
        var alphas = new List<double>();
        foreach (double lambda in LinearFit.LambdaGrid)
        {
            var (elastic, alpha) = LinearLasco.Elastic(problem, z, lambda, prior);
            var lasco = problem.Solve(problem.Targets - z, prior, lambda);
            double elasticLoss = Loss(elastic, alpha, lambda), lascoLoss = Loss(lasco, 1, lambda);
            Assert.True(elasticLoss <= lascoLoss * (1 + 1e-9), $"lambda {lambda}: E-LASCO {elasticLoss} vs LASCO {lascoLoss}");
            // Moving alpha either way from its optimum only raises the loss.
            var (lower, higher) = (problem.Solve(problem.Targets - (alpha - 0.1) * z, prior, lambda), problem.Solve(problem.Targets - (alpha + 0.1) * z, prior, lambda));
            Assert.True(elasticLoss <= Loss(lower, alpha - 0.1, lambda) && elasticLoss <= Loss(higher, alpha + 0.1, lambda));
            alphas.Add(alpha);
        }
        Assert.Contains(alphas, a => Math.Abs(a - 1) > 1e-3);
    }

    [Fact]
    public void TheTestSplitChoosesNothing()
    {
        using var reference = Reference();
        using var split = models.Region(3);
        using var noise = new ChannelDataset(split.Test.Input.clone(), randn_like(split.Test.Target));
        using var scrambled = new RegionSplit(3, split.Train.WithBase(null), split.Validation.WithBase(null), noise);
        var lasco = new LinearLasco(models.Lam, reference);
        LascoMethod[] methods = [LascoMethod.SamFinetune, LascoMethod.ELasco];
        var clean = lasco.Adapt(split, methods);
        var other = lasco.Adapt(scrambled, methods);
        Assert.Equal(clean.Select(r => (r.Ridge!.RelativeLambda, r.Alpha)), other.Select(r => (r.Ridge!.RelativeLambda, r.Alpha)));
        Assert.NotEqual(clean[0].TestNmseDb, other[0].TestNmseDb);
    }
}
