using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MaLAM4Com.Engine.Randomness;

namespace MaLAM4Com.Channels;

/// <summary>
/// Seeded clustered-multipath CSI generator (docs/methods.md, "Notation and data"). Sample i of region r
/// is a pure function of (seed, r, i): its random stream is hashed from those ids, so any subset of
/// samples comes out the same whatever the batch, order or thread count. Samples are written in the
/// real form of <see cref="CsiShape"/> as float32, each normalised to unit average power per entry.
/// </summary>
public sealed class CsiGenerator
{
    private readonly ConcurrentDictionary<int, RegionScatterers> _regions = new();
    private readonly double _firstSubcarrierOffsetHz;
    private readonly double _subcarrierSpacingHz;

    public CsiGenerator(CsiGeneratorSettings settings, ulong seed)
    {
        Geometry = new RegionGeometry(settings, seed);
        Settings = settings;
        Seed = seed;
        int nc = settings.Subcarriers;
        _subcarrierSpacingHz = settings.BandwidthHz / nc;
        // Subcarrier k sits at (k - (Nc - 1) / 2) spacings from the carrier.
        _firstSubcarrierOffsetHz = -(nc - 1) / 2.0 * _subcarrierSpacingHz;
    }

    public CsiGeneratorSettings Settings { get; }
    public ulong Seed { get; }
    public RegionGeometry Geometry { get; }
    public CsiShape Shape => Settings.Shape;

    /// <summary>The fixed scatterers of a region (built on first use, then shared).</summary>
    public RegionScatterers Region(int region)
    {
        Geometry.CheckRegion(region, nameof(region));
        return _regions.GetOrAdd(region, r => new RegionScatterers(Geometry, r, Seed));
    }

    /// <summary>Fills <paramref name="destination"/> with samples firstIndex, firstIndex + 1, ... of the region, in parallel.</summary>
    public void Generate(int region, long firstIndex, Memory<float> destination)
    {
        var scatterers = Region(region);
        if (firstIndex < 0)
            throw new ArgumentOutOfRangeException(nameof(firstIndex), firstIndex, "sample indices start at 0");
        int length = Shape.RealLength;
        int count = Shape.SampleCount(destination.Length, nameof(destination));
        Parallel.For(0, count,
            () => new SampleScratch(Shape),
            (i, _, scratch) =>
            {
                GenerateSample(scatterers, firstIndex + i, destination.Span.Slice(i * length, length), scratch);
                return scratch;
            },
            _ => { });
    }

    /// <summary>Allocating convenience: <paramref name="count"/> samples starting at <paramref name="firstIndex"/>.</summary>
    public float[] Generate(int region, long firstIndex, int count)
    {
        if (count < 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, "the sample count must not be negative");
        var result = new float[checked(count * Shape.RealLength)];
        Generate(region, firstIndex, result);
        return result;
    }

    private void GenerateSample(RegionScatterers region, long index, Span<float> destination, SampleScratch w)
    {
        var s = Settings;
        int nt = s.Antennas, nc = s.Subcarriers;
        var rng = RandomStream.ChannelSample.Generator(Seed, region.Region, index);
        var user = Geometry.PlaceUser(region.Region, ref rng);
        double userRange = user.Norm;
        Array.Clear(w.HRe);
        Array.Clear(w.HIm);

        if (region.IsLineOfSight)
        {
            // Direct path: delay 0 (receiver timing locks to it), carrier phase from the distance.
            UlaSteering.Fill(Math.Atan2(user.Y, user.X), s.AntennaSpacingWavelengths, w.ARe.AsSpan(0, nt), w.AIm.AsSpan(0, nt));
            var (sin, cos) = Math.SinCos(-2 * Math.PI * userRange / s.WavelengthM);
            w.BRe.AsSpan(0, nc).Fill(region.LineOfSightAmplitude * cos);
            w.BIm.AsSpan(0, nc).Fill(region.LineOfSightAmplitude * sin);
            AddOuterProduct(w);
        }

        for (int c = 0; c < region.ClusterCount; c++)
        {
            AccumulateRays(region, c, ref rng, w);
            FillDelayPhasors(region.ClusterDelay(c, user, userRange), w);
            AddOuterProduct(w);
        }

        double power = 0;
        for (int e = 0; e < w.HRe.Length; e++)
            power += w.HRe[e] * w.HRe[e] + w.HIm[e] * w.HIm[e];
        double scale = Math.Sqrt(nt * nc / power);
        for (int n = 0; n < nt; n++)
        {
            int row = n * w.Stride, outRow = 2 * n * nc;
            for (int k = 0; k < nc; k++)
            {
                destination[outRow + k] = (float)(w.HRe[row + k] * scale);
                destination[outRow + nc + k] = (float)(w.HIm[row + k] * scale);
            }
        }
    }

    /// <summary>Spatial signature of cluster c: its rays' steering vectors under fresh Rayleigh gains, into (ARe, AIm).</summary>
    private static void AccumulateRays(RegionScatterers region, int cluster, ref Xoshiro256 rng, SampleScratch w)
    {
        int stride = region.SteeringStride;
        ref double steerRe = ref MemoryMarshal.GetArrayDataReference(region.SteeringRe);
        ref double steerIm = ref MemoryMarshal.GetArrayDataReference(region.SteeringIm);
        ref double aRe = ref MemoryMarshal.GetArrayDataReference(w.ARe);
        ref double aIm = ref MemoryMarshal.GetArrayDataReference(w.AIm);
        Array.Clear(w.ARe);
        Array.Clear(w.AIm);
        double amplitude = region.RayAmplitude(cluster) * Math.Sqrt(0.5);
        for (int m = 0; m < RegionScatterers.RaysPerCluster; m++)
        {
            var gRe = Vector256.Create(amplitude * rng.NextGaussian());
            var gIm = Vector256.Create(amplitude * rng.NextGaussian());
            nuint offset = (nuint)((cluster * RegionScatterers.RaysPerCluster + m) * stride);
            for (nuint n = 0; n < (nuint)stride; n += (nuint)VectorPadding.Lanes)
            {
                var sr = Vector256.LoadUnsafe(ref steerRe, offset + n);
                var si = Vector256.LoadUnsafe(ref steerIm, offset + n);
                var re = Vector256.LoadUnsafe(ref aRe, n);
                var im = Vector256.LoadUnsafe(ref aIm, n);
                Vector256.FusedMultiplyAdd(-gIm, si, Vector256.FusedMultiplyAdd(gRe, sr, re)).StoreUnsafe(ref aRe, n);
                Vector256.FusedMultiplyAdd(gIm, sr, Vector256.FusedMultiplyAdd(gRe, si, im)).StoreUnsafe(ref aIm, n);
            }
        }
    }

    /// <summary>exp(-j 2 pi f_k tau) for every subcarrier, into (BRe, BIm): two evaluations, then a rotation per step.</summary>
    private void FillDelayPhasors(double tau, SampleScratch w)
    {
        var (sin0, cos0) = Math.SinCos(-2 * Math.PI * _firstSubcarrierOffsetHz * tau);
        var (sinStep, cosStep) = Math.SinCos(-2 * Math.PI * _subcarrierSpacingHz * tau);
        double re = cos0, im = sin0;
        for (int k = 0; k < Settings.Subcarriers; k++)
        {
            w.BRe[k] = re;
            w.BIm[k] = im;
            (re, im) = (re * cosStep - im * sinStep, re * sinStep + im * cosStep);
        }
    }

    /// <summary>H += a b^T over the padded buffers.</summary>
    private static void AddOuterProduct(SampleScratch w)
    {
        ref double hRe = ref MemoryMarshal.GetArrayDataReference(w.HRe);
        ref double hIm = ref MemoryMarshal.GetArrayDataReference(w.HIm);
        ref double bRe = ref MemoryMarshal.GetArrayDataReference(w.BRe);
        ref double bIm = ref MemoryMarshal.GetArrayDataReference(w.BIm);
        int stride = w.Stride;
        for (int n = 0; n < w.Antennas; n++)
        {
            var ar = Vector256.Create(w.ARe[n]);
            var ai = Vector256.Create(w.AIm[n]);
            nuint row = (nuint)(n * stride);
            for (nuint k = 0; k < (nuint)stride; k += (nuint)VectorPadding.Lanes)
            {
                var br = Vector256.LoadUnsafe(ref bRe, k);
                var bi = Vector256.LoadUnsafe(ref bIm, k);
                var re = Vector256.LoadUnsafe(ref hRe, row + k);
                var im = Vector256.LoadUnsafe(ref hIm, row + k);
                Vector256.FusedMultiplyAdd(-ai, bi, Vector256.FusedMultiplyAdd(ar, br, re)).StoreUnsafe(ref hRe, row + k);
                Vector256.FusedMultiplyAdd(ai, br, Vector256.FusedMultiplyAdd(ar, bi, im)).StoreUnsafe(ref hIm, row + k);
            }
        }
    }

    /// <summary>Per-thread work buffers, padded to whole vectors (padding stays zero), so the sample loop allocates nothing.</summary>
    private sealed class SampleScratch(CsiShape shape)
    {
        public readonly int Antennas = shape.Antennas;
        public readonly int Stride = VectorPadding.RoundUp(shape.Subcarriers);
        public readonly double[] HRe = new double[shape.Antennas * VectorPadding.RoundUp(shape.Subcarriers)];
        public readonly double[] HIm = new double[shape.Antennas * VectorPadding.RoundUp(shape.Subcarriers)];
        public readonly double[] ARe = new double[VectorPadding.RoundUp(shape.Antennas)];
        public readonly double[] AIm = new double[VectorPadding.RoundUp(shape.Antennas)];
        public readonly double[] BRe = new double[VectorPadding.RoundUp(shape.Subcarriers)];
        public readonly double[] BIm = new double[VectorPadding.RoundUp(shape.Subcarriers)];
    }
}
