namespace MaLAM4Com.Models;

/// <summary>
/// How a linear SAM's ridge strength was chosen: the validation NMSE (dB) of the fit at every strength of
/// <see cref="Cooperation.LinearFit.LambdaGrid"/> (relative to the mean diagonal of X^T X), and the one kept, the lowest.
/// </summary>
public sealed record RidgeChoice(double RelativeLambda, IReadOnlyList<double> ValidationNmseDb)
{
    public double BestValidationNmseDb => ValidationNmseDb.Min();
}
