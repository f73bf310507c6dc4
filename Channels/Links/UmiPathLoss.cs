namespace MaLAM4Com.Channels.Links;

/// <summary>
/// 3GPP TR 38.901 Table 7.4.1-1, UMi street canyon path loss in dB. Distances below 10 m are taken
/// as 10 m, the formula's lower limit; the effective environment height is 1 m.
/// </summary>
public static class UmiPathLoss
{
    private const double MinDistanceM = 10;
    private const double EnvironmentHeightM = 1;

    public static double LineOfSightDb(double distance2dM, double edgeHeightM, double deviceHeightM, double carrierHz)
    {
        double d2 = Math.Max(distance2dM, MinDistanceM);
        double dh = edgeHeightM - deviceHeightM;
        double d3 = Math.Sqrt(d2 * d2 + dh * dh);
        double fcGHz = carrierHz / 1e9;
        double breakpoint = 4 * (edgeHeightM - EnvironmentHeightM) * (deviceHeightM - EnvironmentHeightM) * carrierHz / PhysicalConstants.SpeedOfLight;
        return d2 <= breakpoint
            ? 32.4 + 21 * Math.Log10(d3) + 20 * Math.Log10(fcGHz)
            : 32.4 + 40 * Math.Log10(d3) + 20 * Math.Log10(fcGHz) - 9.5 * Math.Log10(breakpoint * breakpoint + dh * dh);
    }

    public static double NonLineOfSightDb(double distance2dM, double edgeHeightM, double deviceHeightM, double carrierHz)
    {
        double d2 = Math.Max(distance2dM, MinDistanceM);
        double dh = edgeHeightM - deviceHeightM;
        double d3 = Math.Sqrt(d2 * d2 + dh * dh);
        double nlos = 35.3 * Math.Log10(d3) + 22.4 + 21.3 * Math.Log10(carrierHz / 1e9) - 0.3 * (deviceHeightM - 1.5);
        return Math.Max(LineOfSightDb(distance2dM, edgeHeightM, deviceHeightM, carrierHz), nlos);
    }
}
