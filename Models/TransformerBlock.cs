using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>One encoder block: multi-head self-attention and a GELU feed-forward, each with a residual
/// connection; the layer norms sit before the sub-layers (pre-norm) or after the sums (post-norm).</summary>
public sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    private readonly Linear qkv, attentionOut, expand, contract;
    private readonly LayerNorm norm1, norm2;
    private readonly int heads;
    private readonly bool preNorm;

    public TransformerBlock(int dModel, int dFeedForward, int heads, bool preNorm) : base(nameof(TransformerBlock))
    {
        this.heads = heads;
        this.preNorm = preNorm;
        qkv = nn.Linear(dModel, 3 * dModel);
        attentionOut = nn.Linear(dModel, dModel);
        expand = nn.Linear(dModel, dFeedForward);
        contract = nn.Linear(dFeedForward, dModel);
        norm1 = nn.LayerNorm(dModel);
        norm2 = nn.LayerNorm(dModel);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        Tensor y = preNorm
            ? PreNormForward(x)
            : norm2.forward(AddFeedForward(norm1.forward(x + Attend(x))));
        return y.MoveToOuterDisposeScope();
    }

    private Tensor PreNormForward(Tensor x)
    {
        var h = x + Attend(norm1.forward(x));
        return h + FeedForward(norm2.forward(h));
    }

    private Tensor AddFeedForward(Tensor x) => x + FeedForward(x);

    private Tensor FeedForward(Tensor x) => contract.forward(nn.functional.gelu(expand.forward(x)));

    private Tensor Attend(Tensor x)
    {
        long n = x.shape[0], t = x.shape[1], d = x.shape[2];
        var parts = qkv.forward(x).view(n, t, 3, heads, d / heads).permute(2, 0, 3, 1, 4);
        var attended = nn.functional.scaled_dot_product_attention(parts[0], parts[1], parts[2]);
        return attentionOut.forward(attended.transpose(1, 2).reshape(n, t, d));
    }
}
