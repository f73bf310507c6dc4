namespace MaLAM4Com.Channels;

/// <summary>Uniform linear array steering vector a(theta)[n] = exp(j 2 pi d n sin(theta)), d in wavelengths, theta from broadside.</summary>
public static class UlaSteering
{
    public static void Fill(double angleRad, double spacingWavelengths, Span<double> re, Span<double> im)
    {
        double phase = 2 * Math.PI * spacingWavelengths * Math.Sin(angleRad);
        for (int n = 0; n < re.Length; n++)
        {
            // Direct evaluation rather than a rotation recurrence keeps every element exact to one rounding.
            (im[n], re[n]) = Math.SinCos(phase * n);
        }
    }
}
