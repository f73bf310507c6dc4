namespace MaLAM4Com.Channels;

public static class PhysicalConstants
{
    public const double SpeedOfLight = 299_792_458.0;
}
