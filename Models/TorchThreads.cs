using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>
/// The thread count of the torch work whose numbers reach a result: pretraining, the embedding projection, the
/// genie reference, the downstream task, LASCO. A float sum split over threads rounds differently with their
/// count, so at the machine's core count a one-core machine pretrained another LAM than a two-core one and
/// reported other figures. At a fixed count every machine computes the same; one with more cores pretrains no
/// faster (checkpoints are cached).
/// </summary>
public static class TorchThreads
{
    public const int ForResults = 2;

    /// <summary>Sets torch to <see cref="ForResults"/> threads until the returned scope is disposed, then back to what it was.</summary>
    public static IDisposable Fixed()
    {
        int before = get_num_threads();
        set_num_threads(ForResults);
        return new Restore(before);
    }

    private sealed class Restore(int threads) : IDisposable
    {
        public void Dispose() => set_num_threads(threads);
    }
}
