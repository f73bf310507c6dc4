using static TorchSharp.torch;

namespace MaLAM4Com.Tests.Models;

/// <summary>The native TorchSharp library loads on this machine (see build/TorchSharpGlibcxxFix.targets).</summary>
public sealed class TorchSharpLoadTests
{
    [Fact]
    public void LinearLayerForwardPassComputesWeightsTimesInputPlusBias()
    {
        var layer = nn.Linear(3, 2);
        using var x = tensor(new float[] { 1f, 2f, 3f }).reshape(1, 3);
        using var y = layer.forward(x);
        var w = layer.weight!.data<float>().ToArray();
        var b = layer.bias!.data<float>().ToArray();
        var actual = y.data<float>().ToArray();
        Assert.Equal(new long[] { 1, 2 }, y.shape);
        for (int o = 0; o < 2; o++)
        {
            float expected = b[o] + w[o * 3] * 1f + w[o * 3 + 1] * 2f + w[o * 3 + 2] * 3f;
            Assert.Equal(expected, actual[o], 5);
        }
    }
}
