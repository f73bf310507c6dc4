using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace MaLAM4Com.Models;

/// <summary>
/// Pretrained checkpoints kept on disk under a key hashed from everything pretraining depends on, so a
/// changed setting never reuses a stale checkpoint: loads the network when its checkpoint (and training
/// record) exists, otherwise trains it on the pooled data and saves it.
/// </summary>
public sealed class PretrainCache(string directory, TextWriter progress)
{
    public string Directory => directory;

    /// <summary>
    /// The first 16 hex digits of the SHA-256 of <paramref name="description"/> and torch's thread count now, which
    /// pretraining runs on: a checkpoint trained on another count holds other weights (<see cref="TorchThreads"/>).
    /// </summary>
    public static string Key(string description) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{description}\ntorch threads {TorchSharp.torch.get_num_threads()}")))[..16];

    public bool Has(string fileStem) => File.Exists(PathOf(fileStem)) && File.Exists(Path.ChangeExtension(PathOf(fileStem), ".json"));

    /// <summary>
    /// The network <paramref name="role"/> saved as <paramref name="fileStem"/>.pt, trained with <paramref name="training"/>
    /// on <paramref name="data"/> (asked for only when there is no checkpoint) when not cached.
    /// </summary>
    public PretrainedModel LoadOrTrain(string fileStem, string role, TransformerSettings network, TrainingSettings training, Lazy<(ITrainingSamples Train, ChannelDataset Validation)> data)
    {
        System.IO.Directory.CreateDirectory(directory);
        var path = PathOf(fileStem);
        var record = Path.ChangeExtension(path, ".json");
        if (Has(fileStem))
        {
            var model = new TransformerModel(network);
            model.load(path);
            progress.WriteLine($"pretrained {role} loaded from {Shown(path)}");
            return new PretrainedModel(role, model, JsonSerializer.Deserialize<TrainingResult>(File.ReadAllText(record))!, FromCache: true, path);
        }
        var (train, validation) = data.Value;
        manual_seed(training.Seed);
        var fresh = new TransformerModel(network);
        var result = new Trainer(training, progress).Train(new ResidualEstimator(fresh), train, validation, $"pretrain {role}");
        // Written aside and moved into place: runs in other folders may share the cache and look at it meanwhile.
        string partial = $"{path}.{Environment.ProcessId}.partial";
        fresh.save(partial);
        File.Move(partial, path, overwrite: true);
        File.WriteAllText(partial, JsonSerializer.Serialize(result));
        File.Move(partial, record, overwrite: true);
        return new PretrainedModel(role, fresh, result, FromCache: false, path);
    }

    // The home folder as ~, as the default cache is configured: logs that are kept say nothing of the machine's user.
    private static string Shown(string path)
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.Length > 0 && path.StartsWith(home + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? "~" + path[home.Length..]
            : path;
    }

    private string PathOf(string fileStem) => Path.Combine(directory, fileStem + ".pt");
}
