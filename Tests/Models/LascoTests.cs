using MaLAM4Com.Models;
using static TorchSharp.torch;

namespace MaLAM4Com.Tests.Models;

public sealed class LascoTests(TinyPretrainedModels models) : IClassFixture<TinyPretrainedModels>
{
    private static readonly TrainingSettings Adaptation = ModelPreset.Tiny.Adaptation with { MaxEpochs = 20 };

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void LascoAndELascoImproveHeldOutNmseOverTheFrozenLam(int region)
    {
        using var split = models.Region(region);
        var results = new Lasco(models.Lam, models.Reference, Adaptation).Adapt(split, [LascoMethod.Lam, LascoMethod.Lasco, LascoMethod.ELasco]);
        double lam = results[0].TestNmseDb;
        Assert.True(results[1].TestNmseDb < lam - 0.3, $"LASCO {results[1].TestNmseDb:F2} dB vs LAM {lam:F2} dB");
        Assert.True(results[2].TestNmseDb < lam - 0.3, $"E-LASCO {results[2].TestNmseDb:F2} dB vs LAM {lam:F2} dB");
        // The training loss falls, and the test samples were never trained on: the gain is not memorisation.
        Assert.True(results[1].Training!.TrainLoss[^1] < results[1].Training!.TrainLoss[0]);
    }

    [Fact]
    public void OnlyTheProxyAndAlphaLearnWhileTheLamAndReferenceStayBitIdentical()
    {
        var lamBefore = Weights(models.Lam);
        var referenceBefore = Weights(models.Reference);
        using var split = models.Region(5, count: 80);
        var short_ = Adaptation with { MaxEpochs = 3, Patience = 3 };
        var results = new Lasco(models.Lam, models.Reference, short_).Adapt(split, [LascoMethod.Lasco, LascoMethod.ELasco, LascoMethod.NoReference]);
        Assert.Equal(lamBefore, Weights(models.Lam));
        Assert.Equal(referenceBefore, Weights(models.Reference));
        Assert.All(results, r => Assert.Equal(models.Reference.Settings.ParameterCount + (r.Method == LascoMethod.ELasco ? 1 : 0), r.TrainableParameters));
        Assert.NotEqual(1.0, results[1].Alpha!.Value);
        Assert.Null(results[0].Alpha);
        Assert.All(models.Lam.parameters().Concat(models.Reference.parameters()), p => Assert.False(p.requires_grad));
    }

    [Fact]
    public void AdaptedLascoComputesLamPlusProxyMinusReference()
    {
        var proxy = models.Reference.Copy();
        using (no_grad())
            foreach (var p in proxy.parameters())
                p.add_(randn_like(p) * 0.01);
        var estimator = new ResidualEstimator(proxy, learnableScale: true);
        using var x = randn(3, ChannelLayout.Antennas, ChannelLayout.TokenWidth);
        using var noGrad = no_grad();
        using var lam = models.Lam.forward(x);
        using var reference = models.Reference.forward(x);
        using var proxied = proxy.forward(x);
        using var lasco = new AdaptedModel(LascoMethod.ELasco, models.Lam, models.Reference, estimator).forward(x);
        Assert.True(lasco.allclose(proxied + (lam - reference), rtol: 1e-5, atol: 1e-5));
        using var ablation = new AdaptedModel(LascoMethod.NoReference, models.Lam, models.Reference, estimator).forward(x);
        Assert.True(ablation.allclose(proxied + lam, rtol: 1e-5, atol: 1e-5));
    }

    private static float[][] Weights(TransformerModel model) => model.parameters().Select(p => p.data<float>().ToArray()).ToArray();
}
