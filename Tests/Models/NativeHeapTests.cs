using MaLAM4Com.Models;

namespace MaLAM4Com.Tests.Models;

public sealed class NativeHeapTests
{
    [SkippableFact]
    public void GlibcAcceptsTheThresholdsThatKeepFreedTensorBlocks()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "mallopt is glibc's");
        Assert.True(NativeHeap.KeepFreedBlocks());
    }
}
