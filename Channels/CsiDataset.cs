using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MaLAM4Com.Channels;

/// <summary>
/// Writes generated regions as NumPy files plus a JSON sidecar. One file per region,
/// <c>region_007.npy</c>: float32, shape (samples, Nt, 2, Nc), C order; [i, n, 0, k] and [i, n, 1, k]
/// are the real and imaginary parts of H[n, k] of sample i (sample indices 0..samples-1), so in
/// Python <c>x = np.load(f); H = x[:, :, 0, :] + 1j * x[:, :, 1, :]</c>, and <c>x.reshape(len(x), -1)</c>
/// is the 2 Nt Nc real form. <c>dataset.json</c> records the seed, every generator setting and each
/// region's drawn parameters, clusters included.
/// </summary>
public static class CsiDataset
{
    public const string SidecarFileName = "dataset.json";
    private const int ChunkSamples = 1024;

    public static string FileName(int region) => $"region_{region:D3}.npy";

    /// <summary>The .npy shape of a region file: (samples, Nt, 2, Nc).</summary>
    public static int[] FileShape(CsiShape shape, int samples) => [samples, shape.Antennas, 2, shape.Subcarriers];

    /// <summary>Writes every region in turn (samples generated in parallel, chunk by chunk); <paramref name="regionWritten"/> hears of each file.</summary>
    public static void Write(CsiGenerator generator, IReadOnlyList<int> regions, int samples, string directory, Action<string>? regionWritten = null)
    {
        if (samples < 1)
            throw new ArgumentOutOfRangeException(nameof(samples), samples, "write at least one sample per region");
        foreach (var region in regions)
            generator.Geometry.CheckRegion(region, nameof(regions));
        Directory.CreateDirectory(directory);
        var shape = generator.Shape;
        var chunk = new float[Math.Min(samples, ChunkSamples) * shape.RealLength];
        foreach (var region in regions)
        {
            string path = Path.Combine(directory, FileName(region));
            using (var writer = new NpyWriter(path, FileShape(shape, samples)))
            {
                for (int first = 0; first < samples; first += ChunkSamples)
                {
                    int count = Math.Min(ChunkSamples, samples - first);
                    var span = chunk.AsMemory(0, count * shape.RealLength);
                    generator.Generate(region, first, span);
                    writer.Write(span.Span);
                }
                writer.Complete();
            }
            regionWritten?.Invoke(path);
        }
        File.WriteAllText(Path.Combine(directory, SidecarFileName), Sidecar(generator, regions, samples));
    }

    public static string Sidecar(CsiGenerator generator, IReadOnlyList<int> regions, int samples)
    {
        var shape = generator.Shape;
        var description = new SidecarDocument(
            Format: "NumPy .npy, little-endian float32, C order",
            Shape: ["samples", "Nt", "2 (real, imaginary)", "Nc"],
            Layout: "x[i, n, 0, k] + 1j * x[i, n, 1, k] = H[n, k] of sample i; each sample has unit average power per entry; sample i of a file is generator index i",
            Seed: generator.Seed,
            SamplesPerRegion: samples,
            Antennas: shape.Antennas,
            Subcarriers: shape.Subcarriers,
            Settings: generator.Settings,
            Regions: regions.Select(r =>
            {
                var s = generator.Region(r);
                var clusters = Enumerable.Range(0, s.ClusterCount).Select(c => new SidecarCluster(
                    s.ClusterDelaysS[c] * 1e9, s.ClusterPowers[c], s.ClusterDepartureAnglesDeg[c], [s.Scatterers[c].X, s.Scatterers[c].Y])).ToArray();
                return new SidecarRegion(r, FileName(r), s.IsLineOfSight, [s.Centre.X, s.Centre.Y], s.Centre.Norm,
                    s.IsLineOfSight ? s.KFactorDb : null, s.DelaySpreadS * 1e9, s.DepartureSpreadDeg, clusters);
            }).ToArray());
        return JsonSerializer.Serialize(description, JsonOptions);
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private sealed record SidecarDocument(
        string Format, string[] Shape, string Layout, ulong Seed, int SamplesPerRegion, int Antennas, int Subcarriers,
        CsiGeneratorSettings Settings, SidecarRegion[] Regions);

    private sealed record SidecarRegion(
        int Id, string File, bool LineOfSight, double[] CentreM, double DistanceM, double? KFactorDb,
        double DelaySpreadNs, double DepartureSpreadDeg, SidecarCluster[] Clusters);

    private sealed record SidecarCluster(double DelayNs, double Power, double DepartureAngleDeg, double[] ScattererM);
}
