namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// The lite regions built in this process, by everything a region is made from: a back-end that needs the same
/// region again (an experiment's next point, another cluster member in this process, the next test) takes it
/// instead of drawing its CSI and fitting its axes again, which takes seconds per region. A region is read-only,
/// so sharing it changes nothing a run computes. Keeps the latest <see cref="Capacity"/> regions; thread-safe.
/// </summary>
public static class LiteRegionCache
{
    /// <summary>Regions kept: an experiment's regions under a few seeds, at about a megabyte and a half each.</summary>
    public const int Capacity = 32;

    private static readonly Dictionary<Key, Lazy<LiteRegionTask>> Built = new();
    // In the order built; an entry whose key now holds another build (one that failed, then was built again) evicts nothing.
    private static readonly Queue<(Key Key, Lazy<LiteRegionTask> Region)> Order = new();

    /// <summary>What a <see cref="LiteRegionTask"/> is a function of (the channel generator's settings are the defaults).</summary>
    public readonly record struct Key(int Region, ulong Seed, double Rho, int PoolSamples, int Anchors, LiteSettings Lite, int OutputAxes);

    public static Key KeyOf(int region, LearningSettings learning, ulong seed, int outputAxes) =>
        new(region, seed, learning.Rho, learning.LamPoolSamplesPerRegion, learning.Anchors, learning.Lite, outputAxes);

    /// <summary>The region of <paramref name="key"/>, built by <paramref name="build"/> unless this process holds it; one caller builds, the others wait for it.</summary>
    public static LiteRegionTask Get(Key key, Func<LiteRegionTask> build)
    {
        Lazy<LiteRegionTask>? region;
        lock (Built)
        {
            if (!Built.TryGetValue(key, out region))
            {
                region = new Lazy<LiteRegionTask>(build, LazyThreadSafetyMode.ExecutionAndPublication);
                Built.Add(key, region);
                Order.Enqueue((key, region));
                if (Order.Count > Capacity && Order.Dequeue() is var (oldest, built) && Built.TryGetValue(oldest, out var kept) && kept == built)
                    Built.Remove(oldest);
            }
        }
        try
        {
            return region.Value;
        }
        catch
        {
            // A failed build is not kept: the next caller tries again and sees the error itself.
            lock (Built)
            {
                if (Built.TryGetValue(key, out var kept) && kept == region)
                    Built.Remove(key);
            }
            throw;
        }
    }
}
