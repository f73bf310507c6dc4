namespace MaLAM4Com.Engine.Cluster;

/// <summary>
/// Where a cluster run's trace files go, beside its merged trace PATH/NAME.jsonl: each partition
/// incarnation writes NAME.pP.jsonl (NAME.pP.eE.jsonl after its E-th re-creation) on its member, and
/// the clock writes the run's fault records to NAME.clock.jsonl. One lost with its member leaves
/// NAME.pP.jsonl.partial, which the driver settles into NAME.pP.jsonl (see <see cref="LostTraces"/>).
/// </summary>
public static class TraceFiles
{
    public static string Partition(string tracePath, int partition, int epoch) =>
        Sibling(tracePath, epoch == 0 ? $"p{partition}" : $"p{partition}.e{epoch}");

    public static string Clock(string tracePath) => Sibling(tracePath, "clock");

    private static string Sibling(string path, string tag)
    {
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $"{Path.GetFileNameWithoutExtension(full)}.{tag}{Path.GetExtension(full)}");
    }
}
