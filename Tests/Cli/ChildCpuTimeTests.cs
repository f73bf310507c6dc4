using System.Diagnostics;
using MaLAM4Com.Cli.Bench;

namespace MaLAM4Com.Tests.Cli;

public sealed class ChildCpuTimeTests
{
    [SkippableFact]
    public void AChildThatComputesOnOneCoreAddsItsCpuTimeAndNoMoreThanItsWall()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && PinnedProgram.Available, "getrusage and taskset");
        var before = ChildCpuTime.Now();
        Assert.NotNull(before);
        var clock = Stopwatch.StartNew();
        // A shell counting on one core: busy for its whole life.
        using (var child = Process.Start(new ProcessStartInfo("taskset", ["-c", $"{PinnedProgram.Cpus()[0]}", "sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done"]) { UseShellExecute = false })!)
            child.WaitForExit();
        double wall = clock.Elapsed.TotalSeconds;
        var used = ChildCpuTime.Now()!.Value - before.Value;
        Assert.True(used.UserSeconds > 0, $"user {used.UserSeconds}s");
        Assert.True(used.SystemSeconds >= 0, $"system {used.SystemSeconds}s");
        Assert.True(used.UserSeconds + used.SystemSeconds <= wall * 1.05 + 0.02, $"{used.UserSeconds + used.SystemSeconds}s of CPU on one core in {wall}s");
    }
}
