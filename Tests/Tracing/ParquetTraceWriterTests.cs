using MaLAM4Com.Cli.Tracing;
using MaLAM4Com.Engine.Tracing;
using Parquet;

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
    public async Task TheColumnsHoldNumbersAndTheFileEachStringOnce()
    {
        using var sample = new SampleTrace();
        var path = Path.Combine(_dir, "trace.parquet");
        using (var writer = new ParquetTraceWriter(path, SampleTrace.Names))
        {
            foreach (var r in sample.Records)
                writer.Write(r);
            writer.Complete();
        }
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        Assert.DoesNotContain(reader.Schema.DataFields, f => f.ClrType == typeof(string));
        var text = TraceText.Parse(reader.CustomMetadata[TraceText.MetadataKey])!;
        Assert.Equal(text.Length, text.Distinct().Count());
        var records = TraceFile.Read(path).ToList();
        string?[] used = [.. records.SelectMany(e => new[] { e.Kind.Name(), e.From, e.To, e.Type, e.Reason, e.Entity, e.Name, e.Detail })];
        Assert.Equal(used.OfType<string>().Concat(Enum.GetValues<TraceKind>().Select(k => k.Name())).Distinct().Order(StringComparer.Ordinal), text.Order(StringComparer.Ordinal));
        Assert.Contains("edge-1 <-> cloud down for 200ms", text);
    }

    [Fact]
    public void TheKernelsRecordsAndTheSameRecordsReadBackMakeTheSameFile()
    {
        using var sample = new SampleTrace();
        var fromKernel = Path.Combine(_dir, "kernel.parquet");
        var fromEntries = Path.Combine(_dir, "entries.parquet");
        using (var writer = new ParquetTraceWriter(fromKernel, SampleTrace.Names, rowGroupRows: 8))
        {
            foreach (var r in sample.Records)
                writer.Write(r);
            writer.Complete();
        }
        using (var writer = new ParquetTraceWriter(fromEntries, rowGroupRows: 8))
        {
            foreach (var e in TraceFile.Read(sample.Path))
                writer.Write(e);
            writer.Complete();
        }
        Assert.Equal(File.ReadAllBytes(fromKernel), File.ReadAllBytes(fromEntries));
        Assert.Equal(TraceFile.Read(sample.Path), TraceFile.Read(fromKernel));
    }

    [Theory]
    [InlineData(null, "no text table")]
    [InlineData("{\"a\": 1}", "not a JSON array of strings")]
    [InlineData("[\"send\", \"deliver\", \"drop\", \"metric\", \"fault\"]", "sender_id 5 numbers no string of the file's 5")]
    public async Task ATextTableThatIsMissingOrTooShortIsAFormatError(string? table, string expected)
    {
        var path = Path.Combine(_dir, "bad.parquet");
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(TraceColumns.Schema, stream, TraceColumns.WriteOptions());
            var rows = new TraceColumns(1);
            rows.AddMessage(0, TraceKind.Send, 1, null, 5, 6, 7, 64, 0, null);
            await rows.WriteRowGroupAsync(writer);
            if (table is not null)
                writer.CustomMetadata = new Dictionary<string, string> { [TraceText.MetadataKey] = table };
        }
        var e = Assert.Throws<TraceFormatException>(() => TraceFile.Read(path).ToList());
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AParquetFileThatIsNotATraceIsAFormatError()
    {
        var path = Path.Combine(_dir, "other.parquet");
        File.WriteAllBytes(path, [.. "PAR1"u8, 1, 2, 3, .. "PAR1"u8]);
        Assert.Throws<TraceFormatException>(() => TraceFile.Read(path).ToList());
    }
}
