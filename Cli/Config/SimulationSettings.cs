using MaLAM4Com.Channels.Links;
using MaLAM4Com.Engine.Config;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Links;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Config;

/// <summary>Everything a run is made of, read from config.hocon (and <c>--set</c>, <c>--fault</c>), checked before it starts.</summary>
public sealed record SimulationSettings(
    ulong Seed,
    KernelSettings Kernel,
    LinkSettings Link,
    RadioLinkSettings Radio,
    FaultSettings Faults,
    TraceSettings Trace,
    ScenarioSettings Scenario)
{
    public static SimulationSettings Read(ConfigReader c)
    {
        // Before the scenario: it may name types (a cooperation method) that live in a plugin.
        Plugins.Load(c);
        var seed = (ulong)c.Long("seed", 0, long.MaxValue);
        var kernel = new KernelSettings(
            c.Int("kernel.partitions", 0, 1024),
            c.Int("kernel.threads", 0, 1024),
            c.Duration("kernel.end-time", 1),
            c.Int("kernel.heap-limit-mb", 0, HeapLimit.MaxMb),
            c.Bool("kernel.recovery"));
        return new SimulationSettings(seed, kernel, LinkSettings.Read(c, [RadioLinkModel.Name]), RadioLinkSettings.Read(c), FaultSettings.Read(c), TraceSettings.Read(c), ScenarioSettings.Read(c));
    }
}
