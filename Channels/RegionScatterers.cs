using MaLAM4Com.Engine.Randomness;

namespace MaLAM4Com.Channels;

/// <summary>
/// The fixed scatterer clusters of one region, drawn once from (seed, region) after the 38.901
/// cluster procedure (steps 4-7): per-region delay spread, departure spread and K-factor; cluster
/// delays and powers (exponential profile with per-cluster shadowing); cluster departure angles
/// (wrapped Gaussian from the power); 20 rays per cluster at the standard offsets. Each cluster is
/// then placed as a physical scatterer on its departure ray, at the point whose path excess over
/// the region centre's direct path equals the cluster delay, so a user's per-sample delays follow
/// from geometry while the region keeps its own angle-delay signature.
/// </summary>
public sealed class RegionScatterers
{
    public const int RaysPerCluster = 20;

    // 38.901 Table 7.5-3: ray offset angles within a cluster, for a unit cluster spread.
    private static readonly double[] RayOffsets =
    [
        0.0447, -0.0447, 0.1413, -0.1413, 0.2492, -0.2492, 0.3715, -0.3715, 0.5129, -0.5129,
        0.6797, -0.6797, 0.8844, -0.8844, 1.1481, -1.1481, 1.5195, -1.5195, 2.1551, -2.1551,
    ];

    // 38.901 Table 7.5-2: scaling factor C_phi of the departure angles by cluster count.
    private static readonly (int Clusters, double Scale)[] AngleScaling =
    [
        (4, 0.779), (5, 0.860), (8, 1.018), (10, 1.090), (11, 1.123), (12, 1.146), (14, 1.190),
        (15, 1.211), (16, 1.226), (19, 1.273), (20, 1.289), (25, 1.358),
    ];

    private readonly Position2D[] _scatterers;
    private readonly double[] _scattererRange;
    private readonly double[] _rayAmplitude;

    internal RegionScatterers(RegionGeometry geometry, int region, ulong seed)
    {
        var s = geometry.Settings;
        Region = region;
        Centre = geometry.Centre(region);
        IsLineOfSight = RegionGeometry.IsLineOfSight(region);
        var p = IsLineOfSight ? s.LineOfSight : s.NonLineOfSight;
        var rng = RandomStream.RegionScatterers.Generator(seed, region);

        DelaySpreadS = Math.Pow(10, p.LgDelaySpreadMean + p.LgDelaySpreadStd * rng.NextGaussian());
        DepartureSpreadDeg = Math.Min(Math.Pow(10, p.LgDepartureSpreadMean + p.LgDepartureSpreadStd * rng.NextGaussian()), 104);
        KFactorDb = IsLineOfSight ? p.KFactorMeanDb + p.KFactorStdDb * rng.NextGaussian() : double.NegativeInfinity;
        double k = IsLineOfSight ? Math.Pow(10, KFactorDb / 10) : 0;
        LineOfSightAmplitude = Math.Sqrt(k / (k + 1));

        int n = p.Clusters;
        var delays = new double[n];
        for (int c = 0; c < n; c++)
            delays[c] = -p.DelayScaling * DelaySpreadS * Math.Log(rng.NextDoubleNonZero());
        Array.Sort(delays);
        double first = delays[0];
        var powers = new double[n];
        double total = 0;
        for (int c = 0; c < n; c++)
        {
            delays[c] -= first;
            double shadow = p.ClusterShadowingDb * rng.NextGaussian();
            powers[c] = Math.Exp(-delays[c] * (p.DelayScaling - 1) / (p.DelayScaling * DelaySpreadS)) * Math.Pow(10, -shadow / 10);
            total += powers[c];
        }
        double maxPower = 0;
        for (int c = 0; c < n; c++)
        {
            powers[c] /= total;
            maxPower = Math.Max(maxPower, powers[c]);
        }

        double scale = AngleScale(n);
        if (IsLineOfSight)
            scale *= 1.1035 - 0.028 * KFactorDb - 0.002 * KFactorDb * KFactorDb + 0.0001 * KFactorDb * KFactorDb * KFactorDb;
        double centreAngleDeg = Math.Atan2(Centre.Y, Centre.X) * 180 / Math.PI;
        var anglesDeg = new double[n];
        for (int c = 0; c < n; c++)
        {
            double spread = 2 * (DepartureSpreadDeg / 1.4) * Math.Sqrt(-Math.Log(powers[c] / maxPower)) / scale;
            double sign = (rng.NextUInt64() & 1) == 0 ? 1 : -1;
            anglesDeg[c] = sign * spread + DepartureSpreadDeg / 7 * rng.NextGaussian();
        }
        // LOS: the first cluster leaves in the direct path's direction (38.901 eq. 7.5-12).
        double losOffset = IsLineOfSight ? anglesDeg[0] : 0;
        for (int c = 0; c < n; c++)
            anglesDeg[c] += centreAngleDeg - losOffset;

        _scatterers = new Position2D[n];
        _scattererRange = new double[n];
        _rayAmplitude = new double[n];
        double centreRange = Centre.Norm;
        for (int c = 0; c < n; c++)
        {
            double a = anglesDeg[c] * Math.PI / 180;
            double ux = Math.Cos(a), uy = Math.Sin(a);
            // The point at range t on the departure ray with t + |point - centre| = L.
            double pathLength = centreRange + PhysicalConstants.SpeedOfLight * delays[c] + s.MinExcessPathM;
            double t = (pathLength * pathLength - centreRange * centreRange) / (2 * (pathLength - (ux * Centre.X + uy * Centre.Y)));
            _scatterers[c] = new Position2D(t * ux, t * uy);
            _scattererRange[c] = t;
            _rayAmplitude[c] = Math.Sqrt(powers[c] / RaysPerCluster / (k + 1));
        }

        int nt = s.Antennas;
        SteeringStride = VectorPadding.RoundUp(nt);
        SteeringRe = new double[n * RaysPerCluster * SteeringStride];
        SteeringIm = new double[SteeringRe.Length];
        for (int c = 0; c < n; c++)
            for (int m = 0; m < RaysPerCluster; m++)
            {
                double angle = (anglesDeg[c] + p.ClusterDepartureSpreadDeg * RayOffsets[m]) * Math.PI / 180;
                int offset = (c * RaysPerCluster + m) * SteeringStride;
                UlaSteering.Fill(angle, s.AntennaSpacingWavelengths, SteeringRe.AsSpan(offset, nt), SteeringIm.AsSpan(offset, nt));
            }
        ClusterDelaysS = delays;
        ClusterPowers = powers;
        ClusterDepartureAnglesDeg = anglesDeg;
    }

    public int Region { get; }
    public Position2D Centre { get; }
    public bool IsLineOfSight { get; }
    public double DelaySpreadS { get; }
    public double DepartureSpreadDeg { get; }
    /// <summary>Rician K-factor in dB; negative infinity in NLOS regions.</summary>
    public double KFactorDb { get; }
    /// <summary>Amplitude of the direct path, sqrt(K / (K + 1)); 0 in NLOS regions.</summary>
    public double LineOfSightAmplitude { get; }
    public int ClusterCount => _scatterers.Length;
    /// <summary>Cluster delays relative to the first cluster, seconds, ascending.</summary>
    public IReadOnlyList<double> ClusterDelaysS { get; }
    /// <summary>Cluster powers of the scattered part, summing to 1.</summary>
    public IReadOnlyList<double> ClusterPowers { get; }
    public IReadOnlyList<double> ClusterDepartureAnglesDeg { get; }
    public IReadOnlyList<Position2D> Scatterers => _scatterers;

    /// <summary>Steering vectors of every ray, ray-major: ray (c, m) occupies [(c * 20 + m) * stride, +Nt), zero-padded to the stride.</summary>
    internal double[] SteeringRe { get; }
    internal int SteeringStride { get; }
    internal double[] SteeringIm { get; }

    /// <summary>Per-ray amplitude of cluster c's Rayleigh gains (scattered share of the power).</summary>
    internal double RayAmplitude(int cluster) => _rayAmplitude[cluster];

    /// <summary>Excess delay of cluster c for a user at <paramref name="user"/>, over the user's direct path.</summary>
    internal double ClusterDelay(int cluster, Position2D user, double userRange) =>
        (_scattererRange[cluster] + _scatterers[cluster].DistanceTo(user) - userRange) / PhysicalConstants.SpeedOfLight;

    private static double AngleScale(int clusters)
    {
        if (clusters <= AngleScaling[0].Clusters)
            return AngleScaling[0].Scale;
        for (int i = 1; i < AngleScaling.Length; i++)
        {
            var (n1, c1) = AngleScaling[i];
            if (clusters <= n1)
            {
                var (n0, c0) = AngleScaling[i - 1];
                return c0 + (c1 - c0) * (clusters - n0) / (n1 - n0);
            }
        }
        return AngleScaling[^1].Scale;
    }
}
