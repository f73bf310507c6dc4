namespace MaLAM4Com.Models;

/// <summary>
/// Adapts the LASCO experiment's methods to one held-out region with one <see cref="SamFamily"/>'s small models:
/// <see cref="Lasco"/> (transformers trained by gradient descent) or <see cref="LinearLasco"/> (linear maps fitted in
/// closed form). Both train on the region's train split, choose on its validation split and score on its test split only.
/// </summary>
public interface ILascoAdapter
{
    IReadOnlyList<AdaptationResult> Adapt(RegionSplit region, IEnumerable<LascoMethod> methods);
}
