using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>
/// NMSE and GCS (docs/methods.md, "Notation and data") on channel tensors in <see cref="ChannelLayout"/>, differentiable
/// so NMSE can be the training loss; they agree with Channels' array metrics (a test checks).
/// NMSE per sample is ||H_hat - H||^2 / ||H||^2; GCS per sample is the mean over subcarriers of
/// |h_hat^H h| / (||h_hat|| ||h||), h being the antenna vector at one subcarrier.
/// </summary>
public static class TensorMetrics
{
    public static Tensor NmsePerSample(Tensor estimate, Tensor truth)
    {
        using var scope = NewDisposeScope();
        var difference = estimate - truth;
        var error = (difference * difference).sum([1, 2]);
        return (error / (truth * truth).sum([1, 2])).MoveToOuterDisposeScope();
    }

    public static Tensor GcsPerSample(Tensor estimate, Tensor truth)
    {
        using var scope = NewDisposeScope();
        int nc = ChannelLayout.Subcarriers;
        var (er, ei) = (estimate[.., .., ..nc], estimate[.., .., nc..]);
        var (tr, ti) = (truth[.., .., ..nc], truth[.., .., nc..]);
        // Sums over antennas (dim 1) leave one value per subcarrier.
        var innerRe = (er * tr + ei * ti).sum([1]);
        var innerIm = (er * ti - ei * tr).sum([1]);
        var magnitude = (innerRe * innerRe + innerIm * innerIm).sqrt();
        var norms = (er * er + ei * ei).sum([1]).sqrt() * (tr * tr + ti * ti).sum([1]).sqrt();
        return (magnitude / norms.clamp_min(1e-12)).mean([1]).MoveToOuterDisposeScope();
    }
}
