using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Tests.Models;

/// <summary>Pretraining gives the same LAM whatever torch's thread count was before: results do not depend on the machine's cores.</summary>
[Collection(nameof(TorchThreadCount))]
public sealed class TorchThreadsTests
{
    // The checkpoint a back-end pretrains on a thread of its own whose torch thread count is set to threads first.
    private static byte[] Pretrained(int threads)
    {
        string cache = Directory.CreateTempSubdirectory("malam4com-threads-").FullName;
        try
        {
            int after = 0;
            var thread = new Thread(() =>
            {
                TorchSharp.torch.set_num_threads(threads);
                using var backend = new FullBackend(FullBackendTests.Backends.Settings() with { LamEpochs = 2 }, 7, cache, TextWriter.Null, FullBackend.RandomSubset);
                after = TorchSharp.torch.get_num_threads();
            });
            thread.Start();
            thread.Join();
            // The back-end leaves the thread count as it found it.
            Assert.Equal(threads, after);
            return File.ReadAllBytes(Directory.GetFiles(cache, "*.pt").Single());
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void PretrainingOnOneOrThreeThreadsGivesTheSameCheckpoint()
    {
        Assert.Equal(Pretrained(1), Pretrained(3));
    }
}
