using MaLAM4Com.Channels;

namespace MaLAM4Com.Tests.Channels;

public sealed class ChannelMetricsTests
{
    // Nt = 2, Nc = 1: a sample is [Re h0, Im h0, Re h1, Im h1].
    private static readonly CsiShape TwoAntennas = new(2, 1);
    // Nt = 1, Nc = 2: a sample is [Re h(k=0), Re h(k=1), Im h(k=0), Im h(k=1)].
    private static readonly CsiShape TwoSubcarriers = new(1, 2);

    [Fact]
    public void NmseIsErrorPowerOverTruthPower()
    {
        float[] truth = [1, 0, 0, 1];      // H = [1, j]
        float[] estimate = [1, 0, 0, 0];   // H_hat = [1, 0]
        Assert.Equal(0.5, ChannelMetrics.Nmse(estimate, truth, TwoAntennas), 12);
        Assert.Equal(10 * Math.Log10(0.5), ChannelMetrics.NmseDb(estimate, truth, TwoAntennas), 12);
        Assert.Equal(0.0, ChannelMetrics.Nmse(truth, truth, TwoAntennas));
    }

    [Fact]
    public void GcsIsTheCosineOfTheAnglePerSubcarrierAndIgnoresACommonPhase()
    {
        float[] truth = [1, 0, 0, 1];
        float[] estimate = [1, 0, 0, 0];
        // |h_hat^H h| = 1, ||h_hat|| = 1, ||h|| = sqrt 2.
        Assert.Equal(1 / Math.Sqrt(2), ChannelMetrics.Gcs(estimate, truth, TwoAntennas), 12);
        float[] rotated = [0, 1, -1, 0];   // j * H: NMSE |j - 1|^2 = 2, same direction
        Assert.Equal(2.0, ChannelMetrics.Nmse(rotated, truth, TwoAntennas), 12);
        Assert.Equal(1.0, ChannelMetrics.Gcs(rotated, truth, TwoAntennas), 12);
    }

    [Fact]
    public void BatchMetricsAverageTheSamples()
    {
        // Sample 1: h = [1, 1], h_hat = [2, 0]: NMSE (1 + 1) / 2 = 1; GCS (1 + 0) / 2 (a zero estimate scores 0).
        // Sample 2: exact: NMSE 0, GCS 1.
        float[] truth = [1, 1, 0, 0, 0, 0, 3, -1];
        float[] estimate = [2, 0, 0, 0, 0, 0, 3, -1];
        Assert.Equal(0.5, ChannelMetrics.Nmse(estimate, truth, TwoSubcarriers), 12);
        Assert.Equal(0.75, ChannelMetrics.Gcs(estimate, truth, TwoSubcarriers), 12);
    }

    [Fact]
    public void MismatchedOrEmptyBatchesAndSilentTruthsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => ChannelMetrics.Nmse(new float[4], new float[8], TwoAntennas));
        Assert.Throws<ArgumentException>(() => ChannelMetrics.Nmse(new float[3], new float[3], TwoAntennas));
        Assert.Throws<ArgumentException>(() => ChannelMetrics.Gcs([], [], TwoAntennas));
        Assert.Equal("truth", Assert.Throws<ArgumentException>(() => ChannelMetrics.Nmse(new float[4], new float[4], TwoAntennas)).ParamName);
    }
}
