namespace MaLAM4Com.Models;

/// <summary>
/// Size and arrangement of one <see cref="TransformerModel"/>: the LAM and the SAM are the same
/// network with different settings. <paramref name="PreNorm"/> puts the layer norm before each
/// sub-layer (LAM) instead of after the residual sum (SAM). <paramref name="InputSkip"/> adds the
/// input to the output, so the network learns a correction to the coarse estimate. <paramref name="StemRank"/> r &gt; 0
/// adds a rank-r linear map from the whole coarse estimate into every token (see <see cref="TransformerModel"/>).
/// </summary>
public sealed record TransformerSettings(int Blocks, int DModel, int DFeedForward, int Heads, bool PreNorm, bool InputSkip = true, int StemRank = 0)
{
    private const int Tokens = ChannelLayout.Antennas;
    private const int Width = ChannelLayout.TokenWidth;

    public void Validate()
    {
        if (Blocks < 1 || DModel < 1 || DFeedForward < 1 || Heads < 1)
            throw new ArgumentException($"Transformer sizes must be positive: {this}.");
        if (StemRank < 0)
            throw new ArgumentException($"Stem rank must be 0 (no global stem) or positive: {this}.");
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
            long stem = StemRank > 0 ? Tokens * Width * StemRank + (StemRank * Tokens * d + Tokens * d) : 0;
            return (Width * d + d) + Tokens * d + stem + Blocks * perBlock + finalNorm + (d * Width + Width);
        }
    }

    /// <summary>Forward-pass FLOPs per sample (a multiply-add counts 2), matrix products only.</summary>
    public long FlopsPerSample
    {
        get
        {
            long d = DModel, f = DFeedForward, t = Tokens;
            long perBlock = 2 * t * d * 3 * d + 2 * 2 * t * t * d + 2 * t * d * d + 2 * 2 * t * d * f;
            long stem = 2 * t * Width * StemRank + 2 * StemRank * t * d;
            return 2 * t * Width * d + stem + Blocks * perBlock + 2 * t * d * Width;
        }
    }

    /// <summary>The sizes in words, for tables and logs. (A method: a property would join the record's ToString, which
    /// keys the pretraining cache.)</summary>
    public string Shape() =>
        $"{Blocks} blocks, d_model {DModel}, d_ff {DFeedForward}, {Heads} heads, {(PreNorm ? "pre" : "post")}-norm"
        + (StemRank > 0 ? $", stem rank {StemRank}" : "");

    public string Describe() => $"{Shape()}: {ParameterCount:N0} parameters, {FlopsPerSample / 1e6:F1} MFLOP per sample";
}
