using Akka.Actor;
using Akka.TestKit.Xunit2;
using MaLAM4Com.Engine.Clock;
using MaLAM4Com.Engine.Kernel;
using static MaLAM4Com.Engine.Kernel.KernelMessages;

namespace MaLAM4Com.Engine.Tests.Kernel;

/// <summary>A clock whose run stops moving ends it with an error that says what it waits for, instead of hanging.</summary>
public sealed class ClockWatchdogTests : TestKit
{
    private (IActorRef Clock, TaskCompletionSource<RunResult> Done) StartClock(params IActorRef[] partitions)
    {
        var done = new TaskCompletionSource<RunResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Sys.ActorOf(ClockActor.Props(new SimulationClock(1_000, 10_000, []), new PartitionMap(partitions.Length, partitions.Length), partitions, null, done, null));
        clock.Tell(new KernelMessages.Begin());
        return (clock, done);
    }

    [Fact]
    public void ARunWhosePartitionNeverAnswersFailsNamingIt()
    {
        var answering = CreateTestProbe();
        var silent = CreateTestProbe();
        var (clock, done) = StartClock(answering, silent);
        answering.ExpectMsg<Wire>();
        answering.ExpectMsg<Advance>();
        clock.Tell(new Ready(0, 0, 0, 1_000, [], new KernelCounters(), []), answering);

        var e = Assert.Throws<SimulationFailedException>(() => ClockWatchdog.Await(clock, done.Task, TimeSpan.FromSeconds(1)));

        Assert.Contains("nothing reached the clock for 1s", e.Message);
        Assert.Contains($"window 0 [0us, 1000us) waits for the ready report of partition 1 (incarnation 0) at {silent.Ref.Path}", e.Message);
        Assert.DoesNotContain("partition 0", e.Message);
    }

    [Fact]
    public void AClockStoppedBeforeTheEndFailsTheRunInsteadOfLeavingItWaiting()
    {
        var silent = CreateTestProbe();
        var (clock, done) = StartClock(silent);
        silent.ExpectMsg<Wire>();
        Sys.Stop(clock);

        var e = Assert.Throws<SimulationFailedException>(() => ClockWatchdog.Await(clock, done.Task, TimeSpan.FromMinutes(10)));

        Assert.Contains("before the run ended", e.Message);
    }
}
