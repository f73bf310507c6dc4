using System.Diagnostics;
using Akka.Actor;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Kernel;

namespace MaLAM4Com.Cli.Bench.Peers;

/// <summary>
/// What the actor messages of a run cost with nothing else: plain Akka.NET actors, as many as the run's
/// entities and in the same mailbox, and per window as many round trips as the run handed out batches in it
/// (a driver tells that many actors one message each and takes every answer before the next window). No
/// events, clock, channel or trace: its wall is the floor of a kernel that gives every entity its own actor
/// and each entity's events of a window one message, as ours does.
/// </summary>
public static class PlainAkkaRoundTrips
{
    private sealed record Go;

    private sealed record Deliver(int Window);

    private sealed record Answer(int Window);

    private sealed class Echo : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(new Answer(((Deliver)message).Window));
    }

    // Opens the windows one after the other; actors are taken in turn, so every one gets its share.
    private sealed class Driver(IActorRef[] actors, IReadOnlyList<int> windows, TaskCompletionSource<double> done) : UntypedActor
    {
        private readonly Stopwatch _wall = new();
        private int _window = -1;
        private int _outstanding;
        private int _next;

        protected override void OnReceive(object message)
        {
            if (message is Go)
            {
                _wall.Start();
                Open();
            }
            else if (--_outstanding == 0)
            {
                Open();
            }
        }

        private void Open()
        {
            do
                _window++;
            while (_window < windows.Count && windows[_window] == 0);
            if (_window == windows.Count)
            {
                done.SetResult(_wall.Elapsed.TotalSeconds);
                return;
            }
            _outstanding = windows[_window];
            // One message per actor, made for it, as the kernel makes each entity's batch.
            for (int k = 0; k < _outstanding; k++)
            {
                actors[_next].Tell(new Deliver(_window), Self);
                _next = (_next + 1) % actors.Length;
            }
        }
    }

    /// <summary>Seconds that <paramref name="actors"/> actors take for the round trips of <paramref name="batchesPerWindow"/> (each at most the actors), window by window.</summary>
    public static double WallSeconds(int actors, IReadOnlyList<int> batchesPerWindow)
    {
        if (batchesPerWindow.Any(b => b < 0 || b > actors))
            throw new ArgumentOutOfRangeException(nameof(batchesPerWindow), $"a window's round trips must lie in 0..{actors}");
        using var system = ActorSystem.Create("plain-akka", $"akka.loglevel = WARNING\nakka.log-dead-letters = off\n{EntityMailbox.Hocon}");
        try
        {
            var specs = Enumerable.Range(0, actors).Select(i => (EntityProps.Of(() => new Echo()), $"a{i}")).ToList();
            var (_, created) = EntityShelf.Create(system, props => props, "shelf-", specs, timeout: null);
            var refs = created.GetAwaiter().GetResult();
            var done = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(EntityProps.Of(() => new Driver(refs, batchesPerWindow, done)), "driver").Tell(new Go());
            return done.Task.GetAwaiter().GetResult();
        }
        finally
        {
            system.Terminate().Wait();
        }
    }
}
