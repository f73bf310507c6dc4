using System.Globalization;
using System.Text;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// Records as a fixed-width text table, one row each as they stream by. Metrics and faults put their
/// entity under "from", their name under "type" and their value or detail under "info".
/// </summary>
public sealed class TraceTableWriter(TextWriter output)
{
    private static readonly CompositeFormat Format = CompositeFormat.Parse("{0,16} {1,-7} {2,20} {3,20} {4,-14} {5,-14} {6,-20} {7,10} {8,5}  {9}");
    private bool _headerWritten;

    public void Write(TraceEntry e)
    {
        if (!_headerWritten)
        {
            output.WriteLine(Row("time", "ev", "id", "parent", "from", "to", "type", "bytes", "round", "info"));
            _headerWritten = true;
        }
        var round = e.Round?.ToString(CultureInfo.InvariantCulture) ?? "";
        var time = SimTimeText.Format(e.TimeUs);
        output.WriteLine(e.Kind switch
        {
            TraceKind.Metric => Row(time, "metric", "", "", e.Entity ?? "", "", e.Name ?? "", "", round,
                e.Value.ToString("G6", CultureInfo.InvariantCulture)),
            TraceKind.Fault => Row(time, "fault", "", "", e.Entity ?? "(network)", "", e.Name ?? "", "", "", e.Detail ?? ""),
            _ => Row(time, e.Kind.Name(), e.Id.ToString(CultureInfo.InvariantCulture),
                e.Parent?.ToString(CultureInfo.InvariantCulture) ?? "", e.From ?? "", e.To ?? "", e.Type ?? "",
                e.Bytes.ToString(CultureInfo.InvariantCulture), round, e.Reason ?? ""),
        });
    }

    private static string Row(params object[] cells) => string.Format(CultureInfo.InvariantCulture, Format, cells).TrimEnd();
}
