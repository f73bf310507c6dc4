namespace MaLAM4Com.Models;

/// <summary>The estimators the LASCO experiment compares (docs/methods.md, "LASCO and E-LASCO").</summary>
public enum LascoMethod
{
    /// <summary>The pre-trained LAM alone.</summary>
    Lam,
    /// <summary>The pre-trained (reference) SAM alone.</summary>
    Sam,
    /// <summary>A copy of the reference SAM fine-tuned directly on the region.</summary>
    SamFinetune,
    /// <summary>LAM output plus a SAM trained from scratch on the residual H - f_lam.</summary>
    BaselineA,
    /// <summary>Ablation: LAM output plus a proxy (initialised from the reference) learning H - f_lam, no reference term.</summary>
    NoReference,
    /// <summary>f_lam + [f_proxy - f_ref].</summary>
    Lasco,
    /// <summary>f_proxy + alpha * [f_lam - f_ref], alpha learnable, initialised at 1.</summary>
    ELasco,
}

public static class LascoMethods
{
    public static readonly LascoMethod[] All = Enum.GetValues<LascoMethod>();

    /// <summary>The name used in result files (<c>summary.json</c>'s <c>nmse_db[region][method]</c>).</summary>
    public static string Key(this LascoMethod method) => method switch
    {
        LascoMethod.Lam => "lam",
        LascoMethod.Sam => "sam",
        LascoMethod.SamFinetune => "sam_finetune",
        LascoMethod.BaselineA => "baseline_a",
        LascoMethod.NoReference => "no_reference",
        LascoMethod.Lasco => "lasco",
        LascoMethod.ELasco => "elasco",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>Whether the method trains anything on the region.</summary>
    public static bool Adapts(this LascoMethod method) => method is not (LascoMethod.Lam or LascoMethod.Sam);
}
