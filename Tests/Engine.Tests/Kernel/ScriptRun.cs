using System.Collections.Concurrent;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Links;

namespace MaLAM4Com.Engine.Tests.Kernel;

/// <summary>Runs scripted entities (named by layer, e.g. node-0) through the kernel and returns their logs and the trace.</summary>
public sealed class ScriptRun
{
    public ConcurrentQueue<Handled> Log { get; } = new();

    public RunResult Result { get; private set; } = null!;

    public string[] Trace { get; private set; } = [];

    public Topology Topology { get; private set; } = null!;

    public static ScriptRun Execute(int count, Action<ScriptedEntity, Handled> script, ILinkModel? link = null, Func<Topology, FaultPlan>? faults = null,
        long endUs = 10_000_000, Func<int, string>? layer = null, int partitions = 2)
    {
        var run = new ScriptRun();
        run.Topology = KernelHarness.Topology(count, i => ScriptedEntity.Props(i, run.Log, script), layer);
        (run.Result, run.Trace) = KernelHarness.RunTraced(run.Topology, link ?? new FixedRateLinkModel(1_000, 8e6), faults?.Invoke(run.Topology) ?? FaultPlan.None, endUs, partitions);
        return run;
    }

    public IReadOnlyList<Handled> Of(int entity) => Log.Where(h => h.Entity == entity).ToList();
}
