using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace MaLAM4Com.Engine.Cluster;

/// <summary>
/// Akka's log for cluster members, on standard error and one line per event (its first line, a cause
/// by its message, no stacks): Akka's own logger writes to standard output, where a command's results go, and
/// members joining, leaving and being lost are expected here, not stack-trace-worthy.
/// </summary>
public sealed class StderrLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public StderrLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e =>
        {
            var cause = e is Error { Cause: { } c } ? $" ({c.GetType().Name}: {c.Message})" : "";
            var message = e.Message?.ToString() ?? "";
            int newline = message.IndexOf('\n');
            Console.Error.WriteLine($"[{e.LogLevel().ToString().Replace("Level", "").ToUpperInvariant()}] {e.LogSource}: {(newline < 0 ? message : message[..newline].TrimEnd())}{cause}");
        });
    }
}
