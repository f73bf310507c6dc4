using System.Text.Json;
using MaLAM4Com.Cli.Commands;

namespace MaLAM4Com.Tests.Cli;

public sealed class BenchTracesCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-bench-traces-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TracesComparesBothFormatsOfOneRunAndDeletesThem()
    {
        string json = Path.Combine(_dir, "traces.json");
        string traces = Path.Combine(_dir, "traces");
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(["bench", "traces", "--agents", "200", "--agents-per-edge", "100", "--rounds", "2",
            "--trace-dir", traces, "--json", json, "--quiet"], output, error);
        Assert.True(code == 0, error.ToString());
        var p = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.True(p.GetProperty("records").GetInt64() > 0);
        // The same records, each string once and every column compressed: far fewer bytes.
        Assert.True(p.GetProperty("parquet_bytes").GetInt64() < p.GetProperty("jsonl_bytes").GetInt64() / 4);
        foreach (var format in new[] { "jsonl", "parquet" })
        {
            double write = p.GetProperty($"{format}_write_s").GetDouble();
            double gc = p.GetProperty($"{format}_write_gc_s").GetDouble();
            Assert.True(write > 0);
            Assert.InRange(gc, 0, write);
            Assert.True(p.GetProperty($"{format}_run_s").GetDouble() >= write);
        }
        Assert.True(p.GetProperty("sql_query_rows").GetInt64() > 0);
        Assert.True(p.GetProperty("summary_s").GetDouble() > 0);
        Assert.Empty(Directory.GetFiles(traces));
    }
}
