using System.Security.Cryptography;
using Akka.Actor;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Faults;
using MaLAM4Com.Engine.Kernel;
using MaLAM4Com.Engine.Links;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Tests.Kernel;

/// <summary>Runs small scenarios through the real kernel and reads their traces back.</summary>
public static class KernelHarness
{
    public static Topology Topology(int count, Func<int, Props> props, Func<int, string>? layer = null) =>
        new(Enumerable.Range(0, count).Select(i => new EntitySpec($"{layer?.Invoke(i) ?? "node"}-{i}", new Layer(layer?.Invoke(i) ?? "node"), props)).ToList());

    /// <summary>Runs and returns the result with the JSON Lines trace's text.</summary>
    public static (RunResult Result, string[] Lines) RunTraced(Topology topology, ILinkModel link, FaultPlan faults, long endUs, int partitions = 2, int threads = 0)
    {
        var path = Path.Combine(Path.GetTempPath(), $"malam4com-test-{Guid.NewGuid():N}.jsonl");
        try
        {
            RunResult result;
            using (var writer = new JsonLinesTraceWriter(path, topology.Names))
                result = SimulationKernel.Run(new KernelSettings(partitions, threads, endUs), topology, link, faults, writer);
            return (result, File.ReadAllLines(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static string Sha256(string[] lines) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines))));
}
