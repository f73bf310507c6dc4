namespace MaLAM4Com.Cli.Reporting;

/// <summary>Formats for differences that always show their sign.</summary>
public static class SignedFormat
{
    /// <summary>
    /// Hundredths with a sign. The zero section matters: with two sections a small negative value that rounds to
    /// zero prints as "-+0.00".
    /// </summary>
    public const string Hundredths = "+0.00;-0.00;+0.00";

    /// <summary>Thousandths with a sign, the same way.</summary>
    public const string Thousandths = "+0.000;-0.000;+0.000";
}
