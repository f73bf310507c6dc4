using MaLAM4Com.Engine.Cluster;
using MaLAM4Com.Engine.Config;
using MaLAM4Com.Engine.Faults;

namespace MaLAM4Com.Engine.Scenarios;

/// <summary>
/// The default scenario as the kernel runs it: settings from config text, overrides and fault
/// arguments, and from them the entities, link model, fault plan and end time (one round period past
/// the last round). The same on the command line and on every cluster member.
/// </summary>
public static class CooperationRun
{
    public const string Scenario = "cooperation";

    public static SimulationSettings Settings(string? configText, string source, IReadOnlyList<string> overrides, IReadOnlyList<string> faults)
    {
        var settings = SimulationSettings.Read(SettingsLoader.TextReader(configText, source, overrides));
        var plan = faults.Aggregate(settings.Faults, (acc, f) => acc.With(FaultArgument.Parse(f, settings.Faults.Loss)));
        return settings with { Faults = plan };
    }

    public static ClusterRunInputs Inputs(SimulationSettings settings)
    {
        var topology = CooperationScenario.Build(settings.Scenario, settings.Seed);
        var plan = FaultPlanBuilder.Build(settings.Faults, topology, settings.Seed);
        var link = CooperationScenario.LinkModel(settings);
        long end = Math.Min(settings.Kernel.EndTimeUs, settings.Scenario.DurationUs + settings.Scenario.RoundPeriodUs);
        return new ClusterRunInputs(topology, link, plan, end);
    }

    /// <summary>The <see cref="RunBuilder"/> of <c>malam4com node</c>: the driver's config text, overrides and faults, built here.</summary>
    public static ClusterRunInputs Build(RunSpec spec)
    {
        if (spec.Scenario != Scenario)
            throw new ConfigException($"this member runs scenario '{Scenario}', not '{spec.Scenario}'");
        return Inputs(Settings(spec.Config.Length > 0 ? spec.Config : null, "sent by the driver", spec.Overrides, spec.Faults));
    }
}
