using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>A region's anchors as features: K x p values and their Gram matrix, computed once and shared by the region's agents.</summary>
public sealed class AnchorFeatures(double[] features, int count, int p)
{
    public int Count { get; } = count;

    public double[] Features { get; } = features;

    public double[] Gram { get; } = GramOf(features, count, p);

    private static double[] GramOf(double[] x, int n, int p)
    {
        var gram = new double[p * p];
        LinearFit.Moments(x, new double[n], n, p, 1, gram, new double[p]);
        return gram;
    }
}

/// <summary>
/// One region as its agents' linear models see it, shared read-only by them: its coordinates, how anchor
/// inputs become features, and caches of what every agent of the region would otherwise compute alike
/// (the anchors' features, the moments of a global target on them and a global model in coordinates: all
/// of a region's agents receive the same arrays). Thread-safe.
/// </summary>
public sealed class LinearRegion
{
    private readonly Func<ImmutableArray<float>, double[]> _anchorFeatures;
    private readonly ConditionalWeakTable<float[], AnchorFeatures> _anchors = new();
    private readonly ConditionalWeakTable<float[], double[]> _targets = new();
    private readonly ConditionalWeakTable<float[], float[]> _encoded = new();
    private readonly ConditionalWeakTable<float[], double[]> _models = new();

    /// <param name="anchorFeatures">The features of a region's anchor inputs, K x p, as the back-end lays its anchors out.</param>
    /// <param name="decodesOutputs">Whether an agent's outputs are decoded channels (full fidelity) or the coordinates themselves (lite).</param>
    public LinearRegion(int region, RegionCoordinates coordinates, Func<ImmutableArray<float>, double[]> anchorFeatures, bool decodesOutputs)
    {
        Region = region;
        Coordinates = coordinates;
        _anchorFeatures = anchorFeatures;
        DecodesOutputs = decodesOutputs;
    }

    public int Region { get; }

    public RegionCoordinates Coordinates { get; }

    public bool DecodesOutputs { get; }

    /// <summary>Values per anchor of an agent's outputs: a decoded channel, or its coordinates.</summary>
    public int OutputWidth => DecodesOutputs ? Coordinates.OutputWidth : Coordinates.OutputAxes;

    public AnchorFeatures Anchors(ImmutableArray<float> anchors) =>
        _anchors.GetValue(ImmutableCollectionsMarshal.AsArray(anchors)!, _ =>
        {
            var features = _anchorFeatures(anchors);
            return new AnchorFeatures(features, features.Length / Coordinates.Features, Coordinates.Features);
        });

    /// <summary>Decoded outputs on anchors (K x <see cref="OutputWidth"/>) as coordinates (K x q), shared by the agents that receive them.</summary>
    public ImmutableArray<float> EncodeOutputs(ImmutableArray<float> outputs) =>
        !DecodesOutputs ? outputs : ImmutableCollectionsMarshal.AsImmutableArray(_encoded.GetValue(ImmutableCollectionsMarshal.AsArray(outputs)!, _ =>
        {
            int width = Coordinates.OutputWidth, q = Coordinates.OutputAxes, count = outputs.Length / width;
            var y = new double[q];
            var result = new float[count * q];
            for (int a = 0; a < count; a++)
            {
                Coordinates.Encode(outputs.AsSpan(a * width, width), y);
                for (int k = 0; k < q; k++)
                    result[a * q + k] = (float)y[k];
            }
            return result;
        }));

    /// <summary>A model in the shape every region shares as this region's coordinates (<see cref="RegionCoordinates.EncodeModel"/>), shared by the agents that receive it; never written.</summary>
    public double[] EncodeModel(ImmutableArray<float> weights) =>
        _models.GetValue(ImmutableCollectionsMarshal.AsArray(weights)!, _ => Coordinates.EncodeModel(weights.AsSpan()));

    /// <summary>Xa^T Z (p x d) of a target in coordinates (K x d, <paramref name="d"/> per anchor).</summary>
    public double[] TargetCross(AnchorFeatures anchors, ImmutableArray<float> target, int d) =>
        _targets.GetValue(ImmutableCollectionsMarshal.AsArray(target)!, _ =>
        {
            var z = new double[target.Length];
            for (int i = 0; i < z.Length; i++)
                z[i] = target[i];
            return LinearFit.Cross(anchors.Features, z, anchors.Count, Coordinates.Features, d);
        });
}
