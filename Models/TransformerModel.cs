using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>
/// The channel-refinement transformer behind both the LAM and the SAM: antenna rows are tokens
/// (<see cref="ChannelLayout"/>), projected to d_model, given a learned position embedding, passed
/// through the blocks and projected back to the token width. Input and output are [N, 32, 64].
/// With a stem rank r, a rank-r linear map of the whole coarse estimate is added to every token's projection:
/// the compression A mixes all 2048 entries, so an antenna row of H_in says little about that antenna alone, and
/// attention mixes tokens only by convex weights. Without it the networks trail a per-region linear fit by about 5 dB.
/// </summary>
public sealed class TransformerModel : nn.Module<Tensor, Tensor>
{
    private readonly Linear input, output;
    private readonly Linear? stemDown, stemUp;
    private readonly Parameter position;
    private readonly ModuleList<TransformerBlock> blocks;
    private readonly LayerNorm? finalNorm;

    public TransformerSettings Settings { get; }

    public TransformerModel(TransformerSettings settings) : base(nameof(TransformerModel))
    {
        settings.Validate();
        Settings = settings;
        input = nn.Linear(ChannelLayout.TokenWidth, settings.DModel);
        if (settings.StemRank > 0)
        {
            stemDown = nn.Linear(ChannelLayout.RealsPerSample, settings.StemRank, hasBias: false);
            stemUp = nn.Linear(settings.StemRank, ChannelLayout.Antennas * settings.DModel);
        }
        position = nn.Parameter(randn(1, ChannelLayout.Antennas, settings.DModel) * 0.02);
        blocks = nn.ModuleList(Enumerable.Range(0, settings.Blocks)
            .Select(_ => new TransformerBlock(settings.DModel, settings.DFeedForward, settings.Heads, settings.PreNorm)).ToArray());
        // Pre-norm stacks leave the residual stream unnormalised; one last norm keeps the output projection's input in range.
        finalNorm = settings.PreNorm ? nn.LayerNorm(settings.DModel) : null;
        output = nn.Linear(settings.DModel, ChannelLayout.TokenWidth);
        if (settings.InputSkip)
        {
            // A zero output projection makes a fresh network the identity map on the coarse estimate, a safe start.
            using var noGrad = no_grad();
            output.weight!.zero_();
            output.bias!.zero_();
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = output.forward(Encode(x));
        if (Settings.InputSkip)
            y = y + x;
        return y.MoveToOuterDisposeScope();
    }

    /// <summary>Token features after the last block (and final norm): [N, 32, d_model].</summary>
    public Tensor Encode(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = input.forward(x) + position;
        if (stemDown is not null && stemUp is not null)
            h = h + stemUp.forward(stemDown.forward(x.reshape(x.shape[0], -1))).view(x.shape[0], ChannelLayout.Antennas, Settings.DModel);
        foreach (var block in blocks)
            h = block.forward(h);
        if (finalNorm is not null)
            h = finalNorm.forward(h);
        return h.MoveToOuterDisposeScope();
    }

    /// <summary>The encoder bottleneck: token features averaged over antennas, [N, d_model]; a compact descriptor of a channel.</summary>
    public Tensor Embed(Tensor x)
    {
        using var scope = NewDisposeScope();
        return Encode(x).mean([1]).MoveToOuterDisposeScope();
    }

    public long CountParameters() => parameters().Sum(p => p.numel());

    /// <summary>A new network with the same settings and a copy of this one's weights (the proxy SAM starts this way).</summary>
    public TransformerModel Copy()
    {
        var copy = new TransformerModel(Settings);
        copy.load_state_dict(state_dict());
        return copy;
    }

    /// <summary>Stops gradients and puts the network in evaluation mode, for a frozen LAM or reference SAM.</summary>
    public TransformerModel Freeze()
    {
        foreach (var p in parameters())
            p.requires_grad = false;
        eval();
        return this;
    }
}
