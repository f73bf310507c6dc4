namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// How closely agents' learning is modelled (<c>scenario.learning.fidelity</c>): <see cref="Full"/>, each
/// agent a TorchSharp SAM on CSI (tens to hundreds of agents); <see cref="Lite"/>, small models on
/// embeddings (up to 10^6 agents).
/// </summary>
public enum Fidelity
{
    Full,
    Lite,
}

public static class Fidelities
{
    private static readonly string[] Names = ["full", "lite"];

    /// <summary>Every fidelity's name in config, in enum order.</summary>
    public static IReadOnlyList<string> All => Names;

    public static string Name(this Fidelity fidelity) => Names[(int)fidelity];

    public static Fidelity Parse(string name)
    {
        int i = Array.IndexOf(Names, name);
        return i >= 0 ? (Fidelity)i : throw new ArgumentException($"'{name}' is not a fidelity; allowed: {string.Join(", ", Names)}", nameof(name));
    }
}
