using MaLAM4Com.Models.Cooperation;
using static TorchSharp.torch;

namespace MaLAM4Com.Tests.Models;

public sealed class RandomFeatureEncoderTests
{
    [Fact]
    public void PreActivationsHaveUnitVarianceAtTheGivenInputPowerAndASeedFixesTheDraw()
    {
        using var scope = NewDisposeScope();
        const double rms = 0.2;
        manual_seed(3);
        var samples = randn(512, 2048) * rms;
        using var encoder = new RandomFeatureEncoder(11, 2048, 256, rms);
        using var again = new RandomFeatureEncoder(11, 2048, 256, rms);
        using var other = new RandomFeatureEncoder(12, 2048, 256, rms);
        // ReLU(z) of a zero-mean z with variance v has mean sqrt(v / (2 pi)) when the bias is small against z;
        // with the bias (variance 0.25) in z the mean feature is sqrt((1 + 0.25) / (2 pi)) = 0.446.
        double mean = encoder.Embed(samples).mean().item<float>();
        Assert.InRange(mean, 0.40, 0.49);
        Assert.Equal(256, encoder.Features);
        Assert.Equal(0, encoder.MeanGap(samples, samples).item<float>());
        Assert.Equal(encoder.Embed(samples).data<float>().ToArray(), again.Embed(samples).data<float>().ToArray());
        Assert.NotEqual(encoder.Embed(samples).data<float>().ToArray(), other.Embed(samples).data<float>().ToArray());
    }
}
