using System.Text;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// Rewrites a trace of either format in the other (or the same) one, record for record in file order.
/// JSON Lines is written through <see cref="TraceEntryJson"/>, so a kernel's JSON Lines trace converted
/// to Parquet and back is the same file byte for byte. The output is written as PATH.partial and renamed.
/// </summary>
public static class TraceConverter
{
    /// <summary>Writes <paramref name="input"/>'s records to <paramref name="output"/> in <paramref name="format"/>; returns how many.</summary>
    public static long Convert(string input, string output, TraceFormat format, Action<long, long>? onProgress = null)
    {
        var records = TraceFile.Read(input, onProgress);
        if (format == TraceFormat.Parquet)
        {
            using var writer = new ParquetTraceWriter(output);
            long n = 0;
            foreach (var e in records)
            {
                writer.Write(e);
                n++;
            }
            writer.Complete();
            return n;
        }
        return PartialFile.Write(output, stream =>
        {
            using var text = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
            using var json = new TraceEntryJson(text);
            long n = 0;
            foreach (var e in records)
            {
                json.Write(e);
                n++;
            }
            return n;
        });
    }
}
