namespace MaLAM4Com.Engine.Cluster;

/// <summary>
/// Has .NET complete socket operations on its own event thread instead of queueing each completion on the .NET pool
/// (Linux and macOS; Windows completes on I/O threads anyway). A member's remoting reads every heartbeat through a socket
/// completion, and while its entities keep the pool's queue full a queued completion waited seconds, so heartbeats that
/// had arrived were not read in time and healthy members downed each other. What completes inline is the transport's
/// short hand-off to its own threads. The runtime reads the setting when the process makes its first asynchronous socket
/// operation, so it takes effect only before that: <see cref="ClusterMember.Start"/> calls this before its actor system opens a socket.
/// </summary>
public static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Turns them on for this process, unless the environment already says otherwise.</summary>
    public static void Enable()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
            Environment.SetEnvironmentVariable(Variable, "1");
    }
}
