using MaLAM4Com.Cli.Bench;

namespace MaLAM4Com.Tests.Cli;

public sealed class CoreSpeedProbeTests
{
    [SkippableFact]
    public void TheProbeRunsOnTheCoreItNamesAndTimesItsWalkThere()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "threads are pinned with sched_setaffinity");
        foreach (int cpu in PinnedProgram.Cpus())
        {
            int seen = -2;
            var thread = new Thread(() => seen = CoreSpeedProbe.Pin(cpu) ? CoreSpeedProbe.CurrentCpu() : -3);
            thread.Start();
            thread.Join();
            Assert.Equal(cpu, seen);
            var ms = CoreSpeedProbe.Milliseconds(cpu);
            Assert.NotNull(ms);
            Assert.InRange(ms.Value, 0.01, 60_000);
        }
    }

    [SkippableFact]
    public void AProbeOnACoreNoThreadMayUseIsRefusedOrGivesNothing()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "threads are pinned with sched_setaffinity");
        Assert.Throws<ArgumentOutOfRangeException>(() => CoreSpeedProbe.Pin(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CoreSpeedProbe.Pin(1024));
        // A core the machine does not have: no probe, and no thread left pinned anywhere.
        Assert.Null(CoreSpeedProbe.Milliseconds(1023));
    }
}
