using System.Runtime.InteropServices;

namespace MaLAM4Com.Models;

/// <summary>
/// The C heap that TorchSharp's tensors live on. By default glibc hands blocks above a moving threshold back to
/// the kernel when they are freed and trims the top of the heap, so a training step's activations (a few MB each)
/// are mapped and faulted in afresh at every step; kept, they are reused. A process that trains calls
/// <see cref="KeepFreedBlocks"/> once at start-up.
/// </summary>
public static class NativeHeap
{
    // mallopt's parameters in glibc's malloc.h.
    private const int TrimThreshold = -1, MmapThreshold = -3;

    /// <summary>Blocks below this are carved from the heap and reused; larger ones are still mapped on their own.</summary>
    public const int LargestReusedBlock = 512 << 20;

    /// <summary>Keeps freed blocks up to <see cref="LargestReusedBlock"/> in the heap; false where the C library is not glibc's.</summary>
    public static bool KeepFreedBlocks()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            return Mallopt(MmapThreshold, LargestReusedBlock) == 1 && Mallopt(TrimThreshold, int.MaxValue) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);
}
