namespace MaLAM4Com.Channels;

/// <summary>
/// Large-scale and cluster parameters of one propagation condition, after 3GPP TR 38.901 Table 7.5-6
/// (UMi street canyon). Logarithms are base 10 of seconds (delay spread) and degrees (departure
/// angle spread); each region draws its own spreads and K-factor from these distributions.
/// </summary>
public sealed record ClusterModelParameters
{
    /// <summary>Clusters per region (38.901: 12 LOS, 19 NLOS).</summary>
    public int Clusters { get; init; }
    public double LgDelaySpreadMean { get; init; }
    public double LgDelaySpreadStd { get; init; }
    public double LgDepartureSpreadMean { get; init; }
    public double LgDepartureSpreadStd { get; init; }
    /// <summary>Delay scaling r_tau of the exponential delay distribution.</summary>
    public double DelayScaling { get; init; }
    /// <summary>Per-cluster shadowing zeta, dB.</summary>
    public double ClusterShadowingDb { get; init; }
    /// <summary>Intra-cluster departure angle spread c_ASD, degrees.</summary>
    public double ClusterDepartureSpreadDeg { get; init; }
    /// <summary>Rician K-factor distribution, dB; only read in LOS regions.</summary>
    public double KFactorMeanDb { get; init; }
    public double KFactorStdDb { get; init; }

    private static double LgOnePlusFc(double carrierHz) => Math.Log10(1 + Math.Max(carrierHz / 1e9, 2.0));

    public static ClusterModelParameters UmiLineOfSight(double carrierHz)
    {
        double l = LgOnePlusFc(carrierHz);
        return new ClusterModelParameters
        {
            Clusters = 12,
            LgDelaySpreadMean = -0.24 * l - 7.14,
            LgDelaySpreadStd = 0.38,
            LgDepartureSpreadMean = -0.05 * l + 1.21,
            LgDepartureSpreadStd = 0.41,
            DelayScaling = 3.0,
            ClusterShadowingDb = 3.0,
            ClusterDepartureSpreadDeg = 3.0,
            KFactorMeanDb = 9.0,
            KFactorStdDb = 5.0,
        };
    }

    public static ClusterModelParameters UmiNonLineOfSight(double carrierHz)
    {
        double l = LgOnePlusFc(carrierHz);
        return new ClusterModelParameters
        {
            Clusters = 19,
            LgDelaySpreadMean = -0.24 * l - 6.83,
            LgDelaySpreadStd = 0.16 * l + 0.28,
            LgDepartureSpreadMean = -0.23 * l + 1.53,
            LgDepartureSpreadStd = 0.11 * l + 0.33,
            DelayScaling = 2.1,
            ClusterShadowingDb = 3.0,
            ClusterDepartureSpreadDeg = 10.0,
            KFactorMeanDb = 0,
            KFactorStdDb = 0,
        };
    }

    internal void Validate(string paramName)
    {
        if (Clusters < 1)
            throw new ArgumentException($"{paramName}.{nameof(Clusters)} must be at least 1 (got {Clusters})", paramName);
        if (DelayScaling <= 1)
            throw new ArgumentException($"{paramName}.{nameof(DelayScaling)} must exceed 1 (got {DelayScaling})", paramName);
        if (LgDelaySpreadStd < 0 || LgDepartureSpreadStd < 0 || ClusterShadowingDb < 0 || KFactorStdDb < 0)
            throw new ArgumentException($"{paramName}: standard deviations must not be negative", paramName);
        if (ClusterDepartureSpreadDeg < 0)
            throw new ArgumentException($"{paramName}.{nameof(ClusterDepartureSpreadDeg)} must not be negative (got {ClusterDepartureSpreadDeg})", paramName);
    }
}
