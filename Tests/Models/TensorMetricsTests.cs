using MaLAM4Com.Channels;
using MaLAM4Com.Models;
using static TorchSharp.torch;

namespace MaLAM4Com.Tests.Models;

public sealed class TensorMetricsTests
{
    [Fact]
    public void TensorMetricsAgreeWithTheChannelsArrayMetrics()
    {
        using var truth = Channels(4);
        using var estimate = truth + randn_like(truth) * 0.3;
        var shape = new CsiShape(ChannelLayout.Antennas, ChannelLayout.Subcarriers);
        var (e, t) = (estimate.data<float>().ToArray(), truth.data<float>().ToArray());
        Assert.Equal(ChannelMetrics.Nmse(e, t, shape), TensorMetrics.NmsePerSample(estimate, truth).mean().item<float>(), 4);
        Assert.Equal(ChannelMetrics.Gcs(e, t, shape), TensorMetrics.GcsPerSample(estimate, truth).mean().item<float>(), 4);
    }

    private static Tensor Channels(int n) => randn(n, ChannelLayout.Antennas, ChannelLayout.TokenWidth);

    [Fact]
    public void NmseIsZeroForThePerfectEstimateAndOneForTheZeroEstimate()
    {
        using var h = Channels(3);
        using var perfect = TensorMetrics.NmsePerSample(h, h);
        using var zero = TensorMetrics.NmsePerSample(zeros_like(h), h);
        Assert.Equal(0f, perfect.max().item<float>());
        Assert.True(zero.allclose(ones(3)));
    }

    [Fact]
    public void GcsIgnoresAPerSubcarrierPhaseAndScaleButNotAShuffle()
    {
        using var h = Channels(2);
        int nc = ChannelLayout.Subcarriers;
        // Multiply every subcarrier's antenna vector by its own complex number 2 e^{j phi_k}.
        using var phase = rand(1, 1, nc) * 6.28;
        var (re, im) = (h[.., .., ..nc], h[.., .., nc..]);
        var (c, s) = (phase.cos() * 2, phase.sin() * 2);
        using var rotated = cat([re * c - im * s, re * s + im * c], 2);
        using var same = TensorMetrics.GcsPerSample(rotated, h);
        Assert.True(same.allclose(ones(2), rtol: 1e-4, atol: 1e-4));
        using var shuffled = TensorMetrics.GcsPerSample(h.flip(1), h);
        Assert.True(shuffled.max().item<float>() < 0.9f);
    }
}
