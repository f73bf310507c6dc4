using MaLAM4Com.Cli.Config;
using MaLAM4Com.Engine.Cluster;
using MaLAM4Com.Engine.Config;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Cli.Scenarios;

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
        settings = settings with { Faults = FaultArgument.AddTo(settings.Faults, faults, SettingsLoader.OverrideOf(overrides, LossSettings.Key)) };
        settings.Faults.CheckStartsBefore(EndUs(settings), FaultArgument.Option);
        // Names and links are checked here, before the model back-end is built; a population's shape costs little, but nothing to check costs nothing.
        if (settings.Faults.LinkDowns.Count + settings.Faults.Crashes.Count + settings.Faults.Partitions.Count > 0)
            FaultPlanBuilder.Build(settings.Faults, CooperationScenario.Shape(settings.Scenario), settings.Seed);
        return settings;
    }

    /// <summary>When the run ends: one round period past the last round, or kernel.end-time if that is earlier.</summary>
    public static long EndUs(SimulationSettings settings) =>
        Math.Min(settings.Kernel.EndTimeUs, settings.Scenario.DurationUs + settings.Scenario.RoundPeriodUs);

    public static ClusterRunInputs Inputs(SimulationSettings settings, ILearningBackend backend)
    {
        var topology = CooperationScenario.Build(settings.Scenario, backend);
        var plan = FaultPlanBuilder.Build(settings.Faults, topology, settings.Seed);
        var link = CooperationScenario.LinkModel(settings);
        return new ClusterRunInputs(topology, link, plan, EndUs(settings), settings.Kernel.Recovery);
    }

    /// <summary>
    /// The kernel settings of a run: it ends one period after the last round; full-fidelity training handlers run
    /// for many milliseconds, which on the .NET pool reads as starvation, and the pool would add threads until dozens
    /// of agents train at once on two cores, so full fidelity gets one dispatcher thread per core.
    /// </summary>
    public static KernelSettings Kernel(SimulationSettings settings, long endTimeUs) => settings.Kernel with
    {
        EndTimeUs = endTimeUs,
        Threads = settings.Kernel.Threads == 0 && settings.Scenario.Learning.Fidelity == Fidelity.Full ? Environment.ProcessorCount : settings.Kernel.Threads,
    };

    /// <summary>The <see cref="RunBuilder"/> of members in this process (<see cref="LocalCluster"/>): the driver's config text, overrides and faults, built here.</summary>
    public static ClusterRunInputs Build(RunSpec spec) => Build(spec, capHeap: false);

    /// <summary>
    /// The <see cref="RunBuilder"/> of a member process (<c>malam4com node</c>, <c>run --cluster</c>): <see cref="Build(RunSpec)"/>, and the
    /// process takes the run's heap cap. The cap is the run's, so every member takes it, not the driver alone: a population
    /// too large for one capped process must fail there and fit on several. Members in one process leave the cap alone.
    /// </summary>
    public static ClusterRunInputs BuildCapped(RunSpec spec) => Build(spec, capHeap: true);

    private static ClusterRunInputs Build(RunSpec spec, bool capHeap)
    {
        if (spec.Scenario != Scenario)
            throw new ConfigException($"this member runs scenario '{Scenario}', not '{spec.Scenario}'");
        var settings = Settings(spec.Config.Length > 0 ? spec.Config : null, "sent by the driver", spec.Overrides, spec.Faults);
        if (capHeap)
            HeapLimit.Apply(settings.Kernel.HeapLimitMb);
        // Each member builds its own model back-end: the cloud LAM comes from the checkpoint cache, or is pretrained from the same seed.
        return Inputs(settings, LearningBackends.Create(settings.Scenario, settings.Seed, TextWriter.Null));
    }
}
