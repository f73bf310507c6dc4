using System.Text;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Tests.Tracing;

public sealed class TraceLineSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("malam4com-lines-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<string> ReadAll(string path, bool dropUnterminated)
    {
        var lines = new List<string>();
        using var source = new TraceLineSource(path, dropUnterminated);
        while (source.MoveNext())
        {
            Assert.Equal(lines.Count + 1, source.Line);
            lines.Add(Encoding.UTF8.GetString(source.Current));
        }
        return lines;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LinesAcrossBlockBoundsComeBackWholeAndALastLineWithoutItsNewlineOnlyWhenKept(bool dropUnterminated)
    {
        // Lines longer than a block and lines that straddle the bounds between blocks, then an empty line and a torn tail.
        var rng = new Random(7);
        var expected = Enumerable.Range(0, 400)
            .Select(i => new string((char)('a' + i % 26), i % 50 == 0 ? TraceReader.BlockBytes * 3 + i : rng.Next(0, 300)))
            .Append("")
            .ToList();
        var path = Path.Combine(_dir, "lines.jsonl");
        File.WriteAllText(path, string.Join("\n", expected) + "\n{\"t\":9,\"ev\":\"se");

        var lines = ReadAll(path, dropUnterminated);

        Assert.Equal(dropUnterminated ? expected : [.. expected, "{\"t\":9,\"ev\":\"se"], lines);
    }

    [Fact]
    public void AnEmptyFileHasNoLines()
    {
        var path = Path.Combine(_dir, "empty.jsonl");
        File.WriteAllText(path, "");

        Assert.Empty(ReadAll(path, dropUnterminated: false));
    }

    [Fact]
    public void ALineLongerThanTheLimitIsAnErrorNamingItsLine()
    {
        var path = Path.Combine(_dir, "long.jsonl");
        using (var file = File.Create(path))
        {
            file.Write("{}\n"u8);
            file.Write(new byte[TraceReader.MaxLineBytes + 1]);
        }

        var e = Assert.Throws<TraceFormatException>(() => ReadAll(path, dropUnterminated: false));

        Assert.Contains("line 2", e.Message);
    }
}
