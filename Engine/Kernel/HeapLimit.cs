using MaLAM4Com.Engine.Config;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// Caps this process's GC heap (<c>kernel.heap-limit-mb</c>) while it runs, through the runtime's own
/// hard limit. Without one, the server collector lets a 10^6-agent run's garbage pile up to half again
/// its live data before it collects, because memory is free; with one it collects to stay under.
/// </summary>
public static class HeapLimit
{
    public const int MaxMb = 1 << 20;

    /// <summary>Sets the cap (0: leaves the heap as it is); a cap under what the process already holds is a config error.</summary>
    public static void Apply(int megabytes)
    {
        if (megabytes == 0)
            return;
        if (megabytes is < 0 or > MaxMb)
            throw new ConfigException("kernel.heap-limit-mb", megabytes.ToString(), $"must be within [0, {MaxMb}]");
        var previous = AppContext.GetData("GCHeapHardLimit");
        AppContext.SetData("GCHeapHardLimit", (ulong)megabytes * 1024 * 1024);
        try
        {
            GC.RefreshMemoryLimit();
        }
        catch (InvalidOperationException e)
        {
            AppContext.SetData("GCHeapHardLimit", previous);
            throw new ConfigException("kernel.heap-limit-mb", megabytes.ToString(),
                $"the process's heap already takes more than that; allowed: 0 (no cap) or a cap above what the run holds ({e.Message})");
        }
    }
}
