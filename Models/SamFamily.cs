namespace MaLAM4Com.Models;

/// <summary>
/// What the LASCO experiment's small models are (docs/methods.md, "LASCO and E-LASCO"): an affine linear map fitted
/// in closed form (<see cref="LinearSam"/>, the cooperation agents' family) or a transformer trained by gradient
/// descent (<see cref="TransformerModel"/>, the family of the earlier results). The LAM is a transformer either way.
/// </summary>
public enum SamFamily
{
    Linear,
    Transformer,
}

public static class SamFamilies
{
    /// <summary>The name on the command line and in result files.</summary>
    public static string Key(this SamFamily family) => family switch
    {
        SamFamily.Linear => "linear",
        SamFamily.Transformer => "transformer",
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    public static readonly string[] Keys = Enum.GetValues<SamFamily>().Select(Key).ToArray();

    /// <summary>The family of that name; throws <see cref="ArgumentException"/> naming the allowed ones otherwise.</summary>
    public static SamFamily FromKey(string key) =>
        Enum.GetValues<SamFamily>().Where(f => f.Key() == key).Cast<SamFamily?>().SingleOrDefault()
        ?? throw new ArgumentException($"unknown SAM family '{key}'; allowed: {string.Join(", ", Keys)}");
}
