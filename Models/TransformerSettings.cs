namespace MaLAM4Com.Models;

/// <summary>
/// Size and arrangement of one <see cref="TransformerModel"/>: the LAM and the SAM are the same
/// network with different settings. <paramref name="PreNorm"/> puts the layer norm before each
/// sub-layer (LAM) instead of after the residual sum (SAM). <paramref name="InputSkip"/> adds the
/// input to the output, so the network learns a correction to the coarse estimate.
/// </summary>
public sealed record TransformerSettings(int Blocks, int DModel, int DFeedForward, int Heads, bool PreNorm, bool InputSkip = true)
{
    private const int Tokens = ChannelLayout.Antennas;
    private const int Width = ChannelLayout.TokenWidth;

    public void Validate()
    {
        if (Blocks < 1 || DModel < 1 || DFeedForward < 1 || Heads < 1)
            throw new ArgumentException($"Transformer sizes must be positive: {this}.");
        if (DModel % Heads != 0)
            throw new ArgumentException($"d_model {DModel} is not divisible by {Heads} heads.");
    }

    /// <summary>Parameter count, computed from the sizes (a test checks it against the built module).</summary>
    public long ParameterCount
    {
        get
        {
            long d = DModel, f = DFeedForward;
            long perBlock = (3 * d * d + 3 * d) + (d * d + d) + (d * f + f) + (f * d + d) + 2 * 2 * d;
            long finalNorm = PreNorm ? 2 * d : 0;
            return (Width * d + d) + Tokens * d + Blocks * perBlock + finalNorm + (d * Width + Width);
        }
    }

    /// <summary>Forward-pass FLOPs per sample (a multiply-add counts 2), matrix products only.</summary>
    public long FlopsPerSample
    {
        get
        {
            long d = DModel, f = DFeedForward, t = Tokens;
            long perBlock = 2 * t * d * 3 * d + 2 * 2 * t * t * d + 2 * t * d * d + 2 * 2 * t * d * f;
            return 2 * t * Width * d + Blocks * perBlock + 2 * t * d * Width;
        }
    }

    public string Describe() =>
        $"{Blocks} blocks, d_model {DModel}, d_ff {DFeedForward}, {Heads} heads, {(PreNorm ? "pre" : "post")}-norm: "
        + $"{ParameterCount:N0} parameters, {FlopsPerSample / 1e6:F1} MFLOP per sample";
}
