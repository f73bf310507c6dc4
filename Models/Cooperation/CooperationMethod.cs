namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// How agents cooperate: <c>malam4com</c> shares d-dimensional embeddings of its outputs on the anchors
/// and distils toward the global ones (with the LAM as teacher); <c>local</c> never shares;
/// <c>fedavg</c> averages the small models' weights; <c>fd_full</c> is federated distillation on the
/// full 2048-real outputs.
/// </summary>
public enum CooperationMethod
{
    MaLAM4Com,
    Local,
    FedAvg,
    FdFull,
}

public static class CooperationMethods
{
    public static readonly string[] Names = ["malam4com", "local", "fedavg", "fd_full"];

    public static string Name(this CooperationMethod method) => Names[(int)method];

    public static bool TryParse(string name, out CooperationMethod method)
    {
        int i = Array.IndexOf(Names, name);
        method = i < 0 ? default : (CooperationMethod)i;
        return i >= 0;
    }

    /// <summary>Whether the cloud's LAM adds its own knowledge (the teacher) to the global knowledge.</summary>
    public static bool UsesTeacher(this CooperationMethod method) => method is CooperationMethod.MaLAM4Com or CooperationMethod.FdFull;

    /// <summary>Whether knowledge is kept per region (outputs on a region's anchors) rather than one global block (weights).</summary>
    public static bool PerRegion(this CooperationMethod method) => method is CooperationMethod.MaLAM4Com or CooperationMethod.FdFull;
}
