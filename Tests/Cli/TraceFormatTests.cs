using System.Globalization;
using System.Text.Json;
using MaLAM4Com.Cli.Tracing;
using MaLAM4Com.Engine.Tracing;
using MaLAM4Com.Tests.Tracing;

namespace MaLAM4Com.Tests.Cli;

/// <summary>
/// Three small runs of the default scenario (lite, 2 edges of 4 agents in 2 regions, 3 rounds, 20 % random loss): a JSON
/// Lines trace and a Parquet trace with 3 partitions, and a Parquet trace with 1 partition.
/// </summary>
public sealed class SmallTracedRuns : IDisposable
{
    public SmallTracedRuns()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("malam4com-formats-").FullName;
        Jsonl = RunWith("jsonl", 3);
        Parquet = RunWith("parquet", 3);
        ParquetOnePartition = RunWith("parquet", 1);
    }

    public string Directory { get; }
    public string Jsonl { get; }
    public string Parquet { get; }
    public string ParquetOnePartition { get; }

    public static string[] Args(string dir, string format, int partitions) =>
    [
        "run", "--config", Path.Combine(Config.SettingsLoaderTests.RepoRoot(), "config.hocon"), "--out", dir,
        "--set", "scenario.learning.fidelity=lite", "--set", "scenario.edges=2", "--set", "scenario.agents-per-edge=4",
        "--set", "scenario.rounds=3", "--set", "scenario.late-join.round=1", "--set", "scenario.regions=2", "--set", "faults.loss.iid-rate=0.2",
        "--set", $"kernel.partitions={partitions}", "--set", $"trace.format={format}",
        "--set", $"trace.path={Path.Combine(dir, $"trace.{format}")}", "--set", "trace.chrome=\"\"",
    ];

    private string RunWith(string format, int partitions)
    {
        var dir = Path.Combine(Directory, $"{format}-{partitions}");
        var (code, _, err) = Cli.Run(Args(dir, format, partitions));
        Assert.True(code == 0, err);
        return Path.Combine(dir, $"trace.{format}");
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

public sealed class TraceFormatTests(SmallTracedRuns runs) : IClassFixture<SmallTracedRuns>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-convert-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AParquetTraceHoldsTheRecordsOfTheJsonLinesTraceInTheirOrder()
    {
        Assert.Equal(TraceFormat.Jsonl, TraceFile.Sniff(runs.Jsonl));
        Assert.Equal(TraceFormat.Parquet, TraceFile.Sniff(runs.Parquet));
        var jsonl = TraceReader.Read(runs.Jsonl).ToList();
        var parquet = TraceFile.Read(runs.Parquet).ToList();
        Assert.Contains(jsonl, e => e.Kind == TraceKind.Drop);
        Assert.Contains(jsonl, e => e.Kind == TraceKind.Metric);
        Assert.Equal(jsonl, parquet);
        Assert.Equal(Enumerable.Reverse(jsonl), ParquetTraceReader.ReadBackward(runs.Parquet));
        Assert.True(new FileInfo(runs.Parquet).Length < new FileInfo(runs.Jsonl).Length / 4);
    }

    [Fact]
    public void TheParquetRowsAreTheSameWithOneOrThreePartitions()
    {
        Assert.Equal(TraceFile.Read(runs.ParquetOnePartition), TraceFile.Read(runs.Parquet));
        // Strings are numbered in the order they first occur, so the numbers, and the file, are the same too.
        Assert.Equal(File.ReadAllBytes(runs.ParquetOnePartition), File.ReadAllBytes(runs.Parquet));
    }

    [Fact]
    public void TheSqlViewsShowTheStringsOfEveryRecord()
    {
        using var sample = new SampleTrace();
        var parquet = Path.Combine(_dir, "sample.parquet");
        TraceConverter.Convert(sample.Path, parquet, TraceFormat.Parquet);
        var records = TraceReader.Read(sample.Path).ToList();
        var all = Rows(parquet, "SELECT seq, kind, sender, receiver, type, reason, entity, name, detail FROM trace ORDER BY seq");
        Assert.Equal(records.Count, all.Count);
        for (int i = 0; i < records.Count; i++)
        {
            var (e, row) = (records[i], all[i]);
            Assert.Equal(e.Line - 1, row.GetProperty("seq").GetInt64());
            Assert.Equal([e.Kind.Name(), e.From, e.To, e.Type, e.Reason, e.Entity, e.Name, e.Detail],
                new[] { "kind", "sender", "receiver", "type", "reason", "entity", "name", "detail" }.Select(k => Text(row, k)));
        }
        var drops = Rows(parquet, "SELECT sender, receiver, type, reason FROM messages WHERE kind = 'drop' ORDER BY seq");
        Assert.Equal(records.Where(e => e.Kind == TraceKind.Drop).Select(e => (e.From, e.To, e.Type, e.Reason)),
            drops.Select(r => (Text(r, "sender"), Text(r, "receiver"), Text(r, "type"), Text(r, "reason"))));
        var faults = Rows(parquet, "SELECT entity, name, detail FROM faults ORDER BY seq");
        Assert.Equal(records.Where(e => e.Kind == TraceKind.Fault).Select(e => (e.Entity, e.Name, e.Detail)),
            faults.Select(r => (Text(r, "entity"), Text(r, "name"), Text(r, "detail"))));
        Assert.Contains(faults, r => Text(r, "entity") is null);
        var metrics = Rows(parquet, "SELECT entity, count(*) AS n FROM metrics GROUP BY entity ORDER BY entity");
        Assert.Equal(records.Where(e => e.Kind == TraceKind.Metric).GroupBy(e => e.Entity!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, (long)g.Count())),
            metrics.Select(r => (Text(r, "entity")!, r.GetProperty("n").GetInt64())));
    }

    private static List<JsonElement> Rows(string parquet, string sql)
    {
        var output = new StringWriter();
        TraceSql.Query(parquet, sql, SqlResultFormat.Json, output);
        return [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];
    }

    private static string? Text(JsonElement row, string column) =>
        row.GetProperty(column) is { ValueKind: JsonValueKind.Null } ? null : row.GetProperty(column).GetString();

    [Fact]
    public async Task TraceSqlOnAParquetFileWithoutATextTableSaysSo()
    {
        var path = Path.Combine(_dir, "untexted.parquet");
        await using (var file = File.Create(path))
        {
            await using var writer = await Parquet.ParquetWriter.CreateAsync(TraceColumns.Schema, file, TraceColumns.WriteOptions());
            var rows = new TraceColumns(1);
            rows.AddMessage(0, TraceKind.Send, 1, null, 0, 1, 2, 64, 0, null);
            await rows.WriteRowGroupAsync(writer);
        }
        var (code, output, err) = Cli.Run("trace", "sql", path, "SELECT count(*) FROM trace");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("no text table", err);
    }

    [Fact]
    public void ARunTraceConvertedToParquetAndBackIsTheSameFile()
    {
        var parquet = Path.Combine(_dir, "trace.parquet");
        var back = Path.Combine(_dir, "back.jsonl");
        Assert.Equal(0, Cli.Run("trace", "convert", runs.Jsonl, parquet).Code);
        Assert.Equal(0, Cli.Run("trace", "convert", parquet, back).Code);
        Assert.Equal(File.ReadAllBytes(runs.Jsonl), File.ReadAllBytes(back));
        // The run's own Parquet trace converts to that same file too.
        var fromRun = Path.Combine(_dir, "from-run.jsonl");
        Assert.Equal(0, Cli.Run("trace", "convert", runs.Parquet, fromRun).Code);
        Assert.Equal(File.ReadAllBytes(runs.Jsonl), File.ReadAllBytes(fromRun));
        Assert.Equal(["back.jsonl", "from-run.jsonl", "trace.parquet"], Directory.EnumerateFiles(_dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void TheSampleTraceWithEscapedTextAndNullsConvertsBackByteForByte()
    {
        using var sample = new SampleTrace();
        var parquet = Path.Combine(_dir, "sample.parquet");
        var back = Path.Combine(_dir, "sample.jsonl");
        Assert.Equal(sample.Records.Count, TraceConverter.Convert(sample.Path, parquet, TraceFormat.Parquet));
        Assert.Equal(sample.Records.Count, TraceConverter.Convert(parquet, back, TraceFormat.Jsonl));
        Assert.Equal(File.ReadAllBytes(sample.Path), File.ReadAllBytes(back));
    }

    [Fact]
    public void TraceCommandsGiveTheSameOutputForEitherFormat()
    {
        var jsonl = Cli.Run("trace", "summary", runs.Jsonl);
        Assert.Equal(0, jsonl.Code);
        Assert.Equal(jsonl.Out, Cli.Run("trace", "summary", runs.Parquet).Out);
        var filter = Cli.Run("trace", "filter", runs.Jsonl, "--outcome", "dropped");
        Assert.Equal(filter.Out, Cli.Run("trace", "filter", runs.Parquet, "--outcome", "dropped").Out);
        long id = TraceReader.Read(runs.Jsonl).First(e => e.Kind == TraceKind.Drop).Id;
        var follow = Cli.Run("trace", "follow", runs.Jsonl, "--message", id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, follow.Code);
        Assert.Equal(follow.Out, Cli.Run("trace", "follow", runs.Parquet, "--message", id.ToString(CultureInfo.InvariantCulture)).Out);
    }

    [Fact]
    public void AReportFindsAndReadsTheParquetTraceOfItsRun()
    {
        var html = Path.Combine(_dir, "report.html");
        var (code, _, err) = Cli.Run("report", Path.GetDirectoryName(runs.Parquet)!, "-o", html);
        Assert.True(code == 0, err);
        var page = File.ReadAllText(html);
        Assert.DoesNotContain("No trace.jsonl", page);
        Assert.DoesNotContain("could not be read", page);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TraceSqlCountsMatchTheJsonLinesTrace(bool parquet)
    {
        var expected = TraceReader.Read(runs.Jsonl).Where(e => e.IsMessage)
            .GroupBy(e => (Kind: e.Kind.Name(), Reason: e.Reason ?? ""))
            .OrderBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Reason, StringComparer.Ordinal)
            .Select(g => $"{g.Key.Kind},{g.Key.Reason},{g.Count()}");
        var (code, output, err) = Cli.Run("trace", "sql", parquet ? runs.Parquet : runs.Jsonl,
            "SELECT kind, coalesce(reason, '') AS reason, count(*) AS n FROM messages GROUP BY ALL ORDER BY kind, reason", "--format", "csv");
        Assert.True(code == 0, err);
        var lines = output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal("kind,reason,n", lines[0]);
        Assert.Equal(expected, lines.Skip(1));
        Assert.Contains(lines, l => l.StartsWith("drop,loss-iid,", StringComparison.Ordinal));
        var metrics = Cli.Run("trace", "sql", runs.Parquet, "SELECT count(*) AS n FROM metrics", "--format", "json");
        Assert.Equal($"{{\"n\":{TraceReader.Read(runs.Jsonl).Count(e => e.Kind == TraceKind.Metric)}}}", metrics.Out.Trim());
    }

    [Theory]
    [InlineData("SELEC kind FROM messages", "syntax error")]
    [InlineData("SELECT nope FROM messages", "nope")]
    public void SqlThatDuckDbRefusesIsOneLineAndExitCode2(string sql, string expected)
    {
        var (code, output, err) = Cli.Run("trace", "sql", runs.Parquet, sql);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(err.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: trace sql: ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public void ConvertingToAnUnknownExtensionIsRefused()
    {
        var (code, _, err) = Cli.Run("trace", "convert", runs.Jsonl, Path.Combine(_dir, "trace.csv"));
        Assert.Equal(2, code);
        Assert.Contains(".jsonl or .parquet", err);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }
}

public sealed class TraceFormatSettingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-format-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("trace.format=csv", "error: config key 'trace.format' = \"csv\": allowed values are \"jsonl\", \"parquet\"")]
    [InlineData("trace.format=parquet", "names a .jsonl file but trace.format is parquet")]
    public void ABadFormatIsRefusedBeforeTheRun(string set, string expected)
    {
        var out_ = Path.Combine(_dir, "x");
        string[] args = [.. SmallTracedRuns.Args(out_, "jsonl", 1), "--set", set];
        var (code, _, err) = Cli.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, Assert.Single(err.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n')));
        Assert.False(Directory.Exists(out_));
    }

    [Fact]
    public void AClusterRunWritesTheSameParquetFileAsOneProcess()
    {
        // The driver is the cluster's only member here: members write JSON Lines, the driver merges and converts.
        int port = FreePort();
        var one = Path.Combine(_dir, "one");
        Assert.Equal(0, Cli.Run(SmallTracedRuns.Args(one, "parquet", 3)).Code);
        var out_ = Path.Combine(_dir, "cluster");
        var (code, _, err) = Cli.Run([.. SmallTracedRuns.Args(out_, "parquet", 3), "--cluster", "--members", "1", "--port", $"{port}", "--seed-nodes", $"127.0.0.1:{port}"]);
        Assert.True(code == 0, err);
        var trace = Path.Combine(out_, "trace.parquet");
        Assert.Equal(TraceFormat.Parquet, TraceFile.Sniff(trace));
        Assert.Equal(File.ReadAllBytes(Path.Combine(one, "trace.parquet")), File.ReadAllBytes(trace));
        Assert.False(File.Exists(Path.Combine(out_, "trace.cluster.jsonl")));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
