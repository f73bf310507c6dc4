using System.Collections.Immutable;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Tests.Models;

[CollectionDefinition(nameof(TorchThreadCount), DisableParallelization = true)]
public sealed class TorchThreadCount;

/// <summary>
/// Runs alone: torch's thread count is global, a float result depends on it, and other tests set it to the cores.
/// </summary>
[Collection(nameof(TorchThreadCount))]
public sealed class ConcurrentDistillationTests
{
    // Torch reads its thread count once per thread, on the thread's first parallel work; threads of the pool may have
    // read another test's. Threads of their own read this test's, as a run's actor threads read the run's.
    private static void OnFreshThreads(params Action[] work)
    {
        var threads = work.Select(w => new Thread(() => w())).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    [Fact]
    public void RegionsDistilledAtOnceOnTwoThreadsGetWhatEachGetsAlone()
    {
        string cache = Directory.CreateTempSubdirectory("malam4com-distil-").FullName;
        TorchSharp.torch.set_num_threads(1);
        try
        {
            var settings = FullBackendTests.Backends.Settings() with { LamEpochs = 1 };
            var distiller = new DatasetDistiller(DistillationSettings.Default with { Steps = 20, Seed = 7 });
            using var backend = new FullBackend(settings, 7, cache, TextWriter.Null, (real, count, region) => distiller.Distil(real, count, region).Samples);
            var alone = new ImmutableArray<float>[2];
            var atOnce = new ImmutableArray<float>[2];
            foreach (int i in new[] { 0, 1 })
                OnFreshThreads(() => alone[i] = backend.DistilAnchors(i + 1));
            OnFreshThreads(() => atOnce[0] = backend.DistilAnchors(1), () => atOnce[1] = backend.DistilAnchors(2));
            // ImmutableArray's own equality is the reference's: compare the values.
            Assert.Equal(alone[0].ToArray(), atOnce[0].ToArray());
            Assert.Equal(alone[1].ToArray(), atOnce[1].ToArray());
            Assert.NotEqual(alone[0].ToArray(), alone[1].ToArray());
        }
        finally
        {
            TorchSharp.torch.set_num_threads(Environment.ProcessorCount);
            Directory.Delete(cache, recursive: true);
        }
    }
}
