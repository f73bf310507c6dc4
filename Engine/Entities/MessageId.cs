namespace MaLAM4Com.Engine.Entities;

/// <summary>
/// Message ids are (sender index + 1) in the high 32 bits and the sender's own counter in the low
/// 32 bits, so they are unique, never 0 (0 means "no parent") and independent of thread timing.
/// </summary>
public static class MessageId
{
    public static long Make(int sender, uint counter) => ((long)(sender + 1) << 32) | counter;

    public static int Sender(long id) => (int)(id >> 32) - 1;

    public static uint Counter(long id) => (uint)(id & 0xffffffff);
}
