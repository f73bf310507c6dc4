using System.Text;
using System.Text.Json;
using MaLAM4Com.Channels;

namespace MaLAM4Com.Tests.Channels;

public sealed class NpyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("malam4com-npy-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void DatasetFilesLoadBackWithTheRightShapeAndValues()
    {
        var generator = new CsiGenerator(new CsiGeneratorSettings(), seed: 5);
        // 1030 samples: more than one 1024-sample chunk.
        CsiDataset.Write(generator, [2, 7], 1030, _directory);
        foreach (int region in new[] { 2, 7 })
        {
            var array = NpyReader.ReadFloat32(Path.Combine(_directory, CsiDataset.FileName(region)));
            Assert.Equal(new[] { 1030, 32, 2, 32 }, array.Shape);
            Assert.Equal(generator.Generate(region, 0, 1030), array.Data);
        }
        using var sidecar = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, CsiDataset.SidecarFileName)));
        var root = sidecar.RootElement;
        Assert.Equal(5UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(1030, root.GetProperty("samples_per_region").GetInt32());
        Assert.Equal(70e6, root.GetProperty("settings").GetProperty("bandwidth_hz").GetDouble());
        var regions = root.GetProperty("regions").EnumerateArray().ToArray();
        Assert.Equal([2, 7], regions.Select(r => r.GetProperty("id").GetInt32()));
        Assert.True(regions[0].GetProperty("line_of_sight").GetBoolean());
        Assert.Equal(JsonValueKind.Null, regions[1].GetProperty("k_factor_db").ValueKind);
        Assert.Equal(12, regions[0].GetProperty("clusters").GetArrayLength());
        Assert.Equal(19, regions[1].GetProperty("clusters").GetArrayLength());
    }

    [Fact]
    public void HeaderIsAlignedToSixtyFourBytesAndDescribesTheArray()
    {
        string path = Path.Combine(_directory, "vector.npy");
        using (var writer = new NpyWriter(path, [3]))
        {
            writer.Write([1.5f, -2f, 0.25f]);
            writer.Complete();
        }
        var bytes = File.ReadAllBytes(path);
        int headerLength = 10 + BitConverter.ToUInt16(bytes, 8);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, bytes.Take(8));
        Assert.Equal(0, headerLength % 64);
        Assert.Equal(headerLength + 12, bytes.Length);
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength - 10);
        Assert.Equal("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", header.TrimEnd());
        Assert.EndsWith("\n", header);
        var array = NpyReader.ReadFloat32(path);
        Assert.Equal(new[] { 3 }, array.Shape);
        Assert.Equal(new[] { 1.5f, -2f, 0.25f }, array.Data);
    }

    [Fact]
    public void WriterRefusesMoreOrFewerValuesThanTheShapeHolds()
    {
        using var writer = new NpyWriter(Path.Combine(_directory, "short.npy"), [2, 2]);
        writer.Write([1f, 2f, 3f]);
        Assert.Throws<InvalidOperationException>(() => writer.Write([4f, 5f]));
        Assert.Throws<InvalidOperationException>(writer.Complete);
    }
}
