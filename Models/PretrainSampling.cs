namespace MaLAM4Com.Models;

/// <summary>How pretraining draws its samples from the pooled regions.</summary>
public enum PretrainSampling
{
    /// <summary>One draw of <see cref="ModelPreset.PretrainSamplesPerRegion"/> per region, split 9:1 into training and validation, revisited every epoch.</summary>
    FixedPool,
    /// <summary>
    /// Every epoch trains on <see cref="ModelPreset.PretrainSamplesPerRegion"/> new samples per region (never seen before);
    /// validation is one fixed draw a tenth that size from indices no epoch uses. Channel samples cost far less to
    /// generate than to train on, so this gives a large model data without overfitting for the same compute.
    /// </summary>
    FreshEachEpoch,
}
