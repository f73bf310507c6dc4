using MaLAM4Com.Channels;
using MaLAM4Com.Models;
using static TorchSharp.torch;

namespace MaLAM4Com.Tests.Models;

public sealed class LinearMmseReferenceTests
{
    /// <summary>Targets t = mean + B z on a 6-dimensional subspace, inputs their projection on a 20-dimensional one.</summary>
    private static (Tensor Inputs, Tensor Targets) LowRank(int n, ulong seed)
    {
        var generator = new TorchSharp.torch.Generator(seed);
        var basis = randn(6, 2048, dtype: ScalarType.Float64, generator: new TorchSharp.torch.Generator(1));
        var mean = randn(1, 2048, dtype: ScalarType.Float64, generator: new TorchSharp.torch.Generator(2));
        var (q, _) = linalg.qr(randn(2048, 20, dtype: ScalarType.Float64, generator: new TorchSharp.torch.Generator(3)));
        var targets = mean + randn(n, 6, dtype: ScalarType.Float64, generator: generator).matmul(basis);
        var inputs = targets.matmul(q).matmul(q.t());
        return (inputs.reshape(n, 32, 64).to_type(ScalarType.Float32), targets.reshape(n, 32, 64).to_type(ScalarType.Float32));
    }

    [Fact]
    public void AChannelThatIsALinearFunctionOfItsMeasurementsIsRecoveredOnSamplesOutsideTheFit()
    {
        var (fitInputs, fitTargets) = LowRank(200, seed: 10);
        var (testInputs, testTargets) = LowRank(50, seed: 11);
        using var map = LinearMmseReference.Fit(fitInputs, fitTargets);
        double genie = TensorMetrics.NmsePerSample(map.Apply(testInputs), testTargets).mean().item<float>();
        double coarse = TensorMetrics.NmsePerSample(testInputs, testTargets).mean().item<float>();
        Assert.True(coarse > 0.5, $"the projection alone has NMSE {coarse}");
        Assert.True(genie < 1e-4, $"the genie has NMSE {genie}");
    }

    [Fact]
    public void TooFewSamplesForTheInputsRankAreRefusedWithBothCounts()
    {
        using var inputs = randn(15, 32, 64);
        using var targets = randn(15, 32, 64);
        var e = Assert.Throws<ArgumentException>(() => LinearMmseReference.Fit(inputs, targets));
        Assert.Contains("15 samples", e.Message);
        Assert.Contains("at least 16", e.Message);
    }

    [Fact]
    public void OnTheChannelGeneratorTheGenieBeatsTheCoarseEstimateOfALosRegion()
    {
        var source = new CsiChannelSource(new CsiGeneratorSettings(), 5, 1.0 / 16);
        double genie = LinearMmseReference.TestNmse(source, region: 2, fitSamples: 400, testSamples: 100);
        using var test = source.Sample(2, LinearMmseReference.TestFirstIndex, 100);
        double coarse = TensorMetrics.NmsePerSample(test.Input, test.Target).mean().item<float>();
        Assert.True(genie < 0.5 * coarse, $"genie NMSE {genie:F4}, coarse estimate {coarse:F4}");
    }
}
