using System.Collections.Concurrent;
using MaLAM4Com.Channels.Random;

namespace MaLAM4Com.Channels;

/// <summary>
/// Seeded clustered-multipath CSI generator (methods.md, "Notation and data"). Sample i of region r
/// is a pure function of (seed, r, i): its random stream is hashed from those ids, so any subset of
/// samples comes out the same whatever the batch, order or thread count. Samples are written in the
/// real form of <see cref="CsiShape"/> as float32, each normalised to unit average power per entry.
/// </summary>
public sealed class CsiGenerator
{
    private readonly ulong _seed;
    private readonly ConcurrentDictionary<int, RegionScatterers> _regions = new();
    private readonly double[] _subcarrierOffsetsHz;

    public CsiGenerator(CsiGeneratorSettings settings, ulong seed)
    {
        Geometry = new RegionGeometry(settings, seed);
        Settings = settings;
        _seed = seed;
        int nc = settings.Subcarriers;
        double spacing = settings.BandwidthHz / nc;
        _subcarrierOffsetsHz = new double[nc];
        for (int k = 0; k < nc; k++)
            _subcarrierOffsetsHz[k] = (k - (nc - 1) / 2.0) * spacing;
    }

    public CsiGeneratorSettings Settings { get; }
    public ulong Seed => _seed;
    public RegionGeometry Geometry { get; }
    public CsiShape Shape => Settings.Shape;

    /// <summary>The fixed scatterers of a region (built on first use, then shared).</summary>
    public RegionScatterers Region(int region)
    {
        Geometry.CheckRegion(region, nameof(region));
        return _regions.GetOrAdd(region, r => new RegionScatterers(Geometry, r, _seed));
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
        var result = new float[count * Shape.RealLength];
        Generate(region, firstIndex, result);
        return result;
    }

    private void GenerateSample(RegionScatterers region, long index, Span<float> destination, SampleScratch w)
    {
        var s = Settings;
        int nt = s.Antennas, nc = s.Subcarriers;
        var rng = new Xoshiro256(SeedHash.Derive(_seed, RandomStream.ChannelSample, (ulong)region.Region, (ulong)index));
        var user = Geometry.PlaceUser(region.Region, ref rng);
        double userRange = user.Norm;
        var hRe = w.HRe;
        var hIm = w.HIm;
        Array.Clear(hRe);
        Array.Clear(hIm);

        if (region.IsLineOfSight)
        {
            // Direct path: delay 0 (receiver timing locks to it), carrier phase from the distance.
            UlaSteering.Fill(Math.Atan2(user.Y, user.X), s.AntennaSpacingWavelengths, w.ARe, w.AIm);
            var (sin, cos) = Math.SinCos(-2 * Math.PI * userRange / s.WavelengthM);
            double gRe = region.LineOfSightAmplitude * cos, gIm = region.LineOfSightAmplitude * sin;
            for (int n = 0; n < nt; n++)
            {
                double re = gRe * w.ARe[n] - gIm * w.AIm[n];
                double im = gRe * w.AIm[n] + gIm * w.ARe[n];
                int row = n * nc;
                for (int k = 0; k < nc; k++)
                {
                    hRe[row + k] += re;
                    hIm[row + k] += im;
                }
            }
        }

        var steerRe = region.SteeringRe;
        var steerIm = region.SteeringIm;
        for (int c = 0; c < region.ClusterCount; c++)
        {
            // Spatial signature of the cluster: its rays' steering vectors under fresh Rayleigh gains.
            Array.Clear(w.ARe);
            Array.Clear(w.AIm);
            double amplitude = region.RayAmplitude(c) * Math.Sqrt(0.5);
            for (int m = 0; m < RegionScatterers.RaysPerCluster; m++)
            {
                double gRe = amplitude * rng.NextGaussian(), gIm = amplitude * rng.NextGaussian();
                int offset = (c * RegionScatterers.RaysPerCluster + m) * nt;
                for (int n = 0; n < nt; n++)
                {
                    double sr = steerRe[offset + n], si = steerIm[offset + n];
                    w.ARe[n] += gRe * sr - gIm * si;
                    w.AIm[n] += gRe * si + gIm * sr;
                }
            }
            double tau = region.ClusterDelay(c, user, userRange);
            for (int k = 0; k < nc; k++)
                (w.BIm[k], w.BRe[k]) = Math.SinCos(-2 * Math.PI * _subcarrierOffsetsHz[k] * tau);
            for (int n = 0; n < nt; n++)
            {
                double ar = w.ARe[n], ai = w.AIm[n];
                int row = n * nc;
                for (int k = 0; k < nc; k++)
                {
                    hRe[row + k] += ar * w.BRe[k] - ai * w.BIm[k];
                    hIm[row + k] += ar * w.BIm[k] + ai * w.BRe[k];
                }
            }
        }

        double power = 0;
        for (int e = 0; e < hRe.Length; e++)
            power += hRe[e] * hRe[e] + hIm[e] * hIm[e];
        double scale = Math.Sqrt(hRe.Length / power);
        for (int n = 0; n < nt; n++)
        {
            int row = n * nc, outRow = 2 * n * nc;
            for (int k = 0; k < nc; k++)
            {
                destination[outRow + k] = (float)(hRe[row + k] * scale);
                destination[outRow + nc + k] = (float)(hIm[row + k] * scale);
            }
        }
    }

    /// <summary>Per-thread work buffers, so the sample loop allocates nothing.</summary>
    private sealed class SampleScratch(CsiShape shape)
    {
        public readonly double[] HRe = new double[shape.Antennas * shape.Subcarriers];
        public readonly double[] HIm = new double[shape.Antennas * shape.Subcarriers];
        public readonly double[] ARe = new double[shape.Antennas];
        public readonly double[] AIm = new double[shape.Antennas];
        public readonly double[] BRe = new double[shape.Subcarriers];
        public readonly double[] BIm = new double[shape.Subcarriers];
    }
}
