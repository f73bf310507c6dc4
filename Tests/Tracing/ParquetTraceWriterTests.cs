using MaLAM4Com.Cli.Tracing;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Tests.Tracing;

public sealed class ParquetTraceWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-parquet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void WriteSample(ParquetTraceWriter writer, int count)
    {
        for (int i = 0; i < count; i++)
            writer.Write(TraceRecord.Message(i % 3 == 0 ? TraceKind.Drop : TraceKind.Send, i, i + 1, TraceRecord.NoParent, 1, 0, "Embedding", 64, i / 4, i % 3 == 0 ? "loss-iid" : null));
    }

    [Fact]
    public void AWriterDisposedBeforeItCompletesLeavesNoFile()
    {
        var path = Path.Combine(_dir, "trace.parquet");
        using (var writer = new ParquetTraceWriter(path, SampleTrace.Names, rowGroupRows: 4))
        {
            WriteSample(writer, 10);
            Assert.True(File.Exists(path + ".partial"));
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public void RowGroupsSplitTheRecordsWithoutChangingThem()
    {
        var small = Path.Combine(_dir, "small-groups.parquet");
        var large = Path.Combine(_dir, "one-group.parquet");
        foreach (var (path, rows) in new[] { (small, 4), (large, ParquetTraceWriter.RowGroupRows) })
        {
            using var writer = new ParquetTraceWriter(path, SampleTrace.Names, rows);
            WriteSample(writer, 10);
            writer.Complete();
        }
        var records = TraceFile.Read(small).ToList();
        Assert.Equal(10, records.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), records.Select(e => e.Line));
        Assert.Equal(TraceFile.Read(large), records);
        Assert.Equal("loss-iid", records[0].Reason);
        Assert.Equal("edge-0", records[0].From);
        Assert.Equal(["one-group.parquet", "small-groups.parquet"], Directory.EnumerateFiles(_dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void AParquetFileThatIsNotATraceIsAFormatError()
    {
        var path = Path.Combine(_dir, "other.parquet");
        File.WriteAllBytes(path, [.. "PAR1"u8, 1, 2, 3, .. "PAR1"u8]);
        Assert.Throws<TraceFormatException>(() => TraceFile.Read(path).ToList());
    }
}
