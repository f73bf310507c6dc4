using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MaLAM4Com.Models;

namespace MaLAM4Com.Cli.Commands;

/// <summary>
/// <c>malam4com bench models</c>: training samples per second (forward + backward + AdamW step, batch
/// 256, from the median step) of a preset's LAM and SAM, and the LAM's inference latency for 64 users, with TorchSharp's
/// thread count set to the cores, each network's training GFLOP/s as a fraction of this machine's ceiling
/// measured in the same run (a large square matrix product). Where python3 with torch is installed, the PyTorch peer
/// (bench/peers/lasco_peer.py, the same LAM) runs with the same threads for comparison.
/// </summary>
public static class BenchModelsCommand
{
    private const string PeerScript = "bench/peers/lasco_peer.py";

    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = $"Model sizes: {string.Join(", ", ModelPreset.Names)}.", DefaultValueFactory = _ => "cpu" };
        var steps = new Option<int>("--steps") { Description = "Timed training steps per network (the median step counts).", DefaultValueFactory = _ => 15 };
        var threads = new Option<int>("--threads") { Description = "TorchSharp (and peer) threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var peer = new Option<string>("--peer") { Description = "PyTorch peer script; skipped when python3 or torch is missing.", DefaultValueFactory = _ => PeerScript };
        var python = new Option<string>("--python") { Description = "Interpreter for the peer (Debian's python3-torch lives in /usr/bin/python3).", DefaultValueFactory = _ => "python3" };
        var json = new Option<string?>("--json") { Description = "Also write the figures to this JSON file." };
        var command = new Command("models", """
            LAM and SAM training throughput (samples/s, and GFLOP/s as a fraction of this machine's peak)
            and inference latency for 64 users.
            Examples:
              malam4com bench models --json models.json
              malam4com bench models --preset paper --steps 3
            """) { preset, steps, threads, peer, python, json };
        command.SetAction(parse =>
        {
            ModelPreset sizes;
            try
            {
                sizes = ModelPreset.FromName(parse.GetValue(preset)!);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--preset: {e.Message}");
            }
            int stepCount = parse.GetValue(steps), threadCount = parse.GetValue(threads);
            if (stepCount < 1)
                throw new UsageException($"--steps must be at least 1 (got {stepCount})");
            if (threadCount < 1)
                throw new UsageException($"--threads must be at least 1 (got {threadCount})");
            var output = parse.InvocationConfiguration.Output;
            var figures = Run(sizes, stepCount, threadCount, parse.GetValue(peer)!, parse.GetValue(python)!, output);
            if (parse.GetValue(json) is { } path)
            {
                Arguments.WriteJson(path, figures);
                output.WriteLine($"wrote {path}");
            }
            return 0;
        });
        return command;
    }

    private static Dictionary<string, object> Run(ModelPreset sizes, int steps, int threads, string peerScript, string python, TextWriter output)
    {
        TorchSharp.torch.set_num_threads(threads);
        output.WriteLine($"bench models: preset {sizes.Name}, batch {ModelBenchmark.TrainBatch}, {threads} threads, {Environment.ProcessorCount} cores");
        output.WriteLine($"  LAM: {sizes.Lam.Describe()}");
        output.WriteLine($"  SAM: {sizes.Sam.Describe()}");
        double lam = ModelBenchmark.TrainSamplesPerSecond(sizes.Lam, steps);
        output.WriteLine($"  LAM train:            {lam,10:N1} samples/s");
        double sam = ModelBenchmark.TrainSamplesPerSecond(sizes.Sam, steps);
        output.WriteLine($"  SAM train:            {sam,10:N1} samples/s");
        double infer = ModelBenchmark.InferenceMilliseconds(sizes.Lam);
        output.WriteLine($"  LAM infer 64 users:   {infer,10:N2} ms");
        double peak = ModelBenchmark.PeakGflops();
        double lamGflops = ModelBenchmark.TrainGflops(sizes.Lam, lam), samGflops = ModelBenchmark.TrainGflops(sizes.Sam, sam);
        output.WriteLine($"  peak ({ModelBenchmark.PeakSide}^2 matmul): {peak,10:N1} GFLOP/s; LAM train {lamGflops:N1} GFLOP/s ({100 * lamGflops / peak:F0} %), SAM train {samGflops:N1} GFLOP/s ({100 * samGflops / peak:F0} %)");
        var figures = new Dictionary<string, object>
        {
            ["preset"] = sizes.Name,
            ["threads"] = threads,
            ["cores"] = Environment.ProcessorCount,
            ["lam_parameters"] = sizes.Lam.ParameterCount,
            ["sam_parameters"] = sizes.Sam.ParameterCount,
            ["lam_flops_per_sample"] = sizes.Lam.FlopsPerSample,
            ["sam_flops_per_sample"] = sizes.Sam.FlopsPerSample,
            ["lam_train_samples_per_s"] = Math.Round(lam, 1),
            ["sam_train_samples_per_s"] = Math.Round(sam, 1),
            ["infer_ms_64_users"] = Math.Round(infer, 3),
            ["peak_gflops"] = Math.Round(peak, 1),
            ["lam_train_gflops"] = Math.Round(lamGflops, 2),
            ["sam_train_gflops"] = Math.Round(samGflops, 2),
            ["lam_peak_fraction"] = Math.Round(lamGflops / peak, 3),
            ["sam_peak_fraction"] = Math.Round(samGflops / peak, 3),
        };
        if (RunPeer(python, peerScript, sizes.Lam, steps, threads, output) is { } peer)
        {
            figures["pytorch_lam_train_samples_per_s"] = Math.Round(peer, 1);
            output.WriteLine($"  PyTorch LAM train:    {peer,10:N1} samples/s (TorchSharp at {100 * lam / peer:F0} %)");
        }
        return figures;
    }

    /// <summary>The peer's LAM training samples/s, or null (with the reason printed) where it cannot run.</summary>
    private static double? RunPeer(string python, string script, TransformerSettings lam, int steps, int threads, TextWriter output)
    {
        if (!File.Exists(script))
        {
            output.WriteLine($"  PyTorch peer skipped: {script} not found");
            return null;
        }
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { script, "--blocks", I(lam.Blocks), "--d-model", I(lam.DModel), "--d-ff", I(lam.DFeedForward), "--heads", I(lam.Heads), "--stem-rank", I(lam.StemRank), "--steps", I(steps), "--threads", I(threads) })
            start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            string stdout = process.StandardOutput.ReadToEnd();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                output.WriteLine($"  PyTorch peer skipped: {stderr.Trim().Split('\n')[^1]}");
                return null;
            }
            using var doc = JsonDocument.Parse(stdout);
            return doc.RootElement.GetProperty("lam_train_samples_per_s").GetDouble();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            output.WriteLine($"  PyTorch peer skipped: {python} not found");
            return null;
        }
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
