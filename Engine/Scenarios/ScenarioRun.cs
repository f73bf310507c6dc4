using MaLAM4Com.Engine.Config;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Scenarios;

/// <summary>
/// Runs a cooperation scenario on the kernel: its fault plan and link model, the kernel stopping one
/// period after the last round, and a <see cref="RoundMonitor"/> over the trace (written to
/// <paramref name="trace"/> when given) that reports each round as it closes. Shared by <c>run</c> and
/// <c>bench scale</c>.
/// </summary>
public static class ScenarioRun
{
    public static (RunResult Result, RoundMonitor Monitor) Execute(SimulationSettings settings, Topology topology, ITraceSink? trace, Action<RoundStats> closed)
    {
        var s = settings.Scenario;
        var plan = FaultPlanBuilder.Build(settings.Faults, topology, settings.Seed);
        var link = CooperationScenario.LinkModel(settings);
        var kernel = settings.Kernel with { EndTimeUs = Math.Min(settings.Kernel.EndTimeUs, s.DurationUs + s.RoundPeriodUs) };
        using var monitor = new RoundMonitor(s.RoundPeriodUs, trace, closed);
        return (SimulationKernel.Run(kernel, topology, link, plan, monitor), monitor);
    }

    /// <summary>The trace writer for a run, naming the config key when the path cannot be written.</summary>
    public static JsonLinesTraceWriter OpenTrace(string path, Topology topology)
    {
        try
        {
            return new JsonLinesTraceWriter(path, topology.Names);
        }
        catch (IOException e)
        {
            throw new ConfigException("trace.path", $"\"{path}\"", e.Message);
        }
    }

}
