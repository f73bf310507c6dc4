using static TorchSharp.torch;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// The downstream task, region identification: the same small MLP classifier is trained once on the
/// LAM's projected embeddings and once on the raw CSI, and their test accuracies and multiply-accumulates per sample
/// are compared. Both see the same samples, split, initial-weight seed and schedule, so only the input differs.
/// Features are standardised with the training part's statistics; that affine map folds into the first layer, so it
/// adds no MACs to what <see cref="ClassifierMacs"/> counts.
/// </summary>
public sealed class DownstreamTask
{
    /// <summary>First sample index drawn per region by <see cref="Run(TransformerModel, EmbeddingProjection, IChannelSource, IReadOnlyList{int}, int, int)"/>:
    /// far above the indices that pretraining, adaptation, agents' data and anchors use (they count up from 0), so the
    /// downstream samples are fresh channels no model was trained on.</summary>
    public const long FirstIndex = 2_000_000_000L;

    private readonly DownstreamSettings settings;

    public DownstreamTask(DownstreamSettings settings)
    {
        settings.Validate();
        this.settings = settings;
    }

    /// <summary>Multiply-accumulates per sample of the classifier: inputs x hidden + hidden x classes.</summary>
    public static long ClassifierMacs(int inputs, int hidden, int classes) => (long)inputs * hidden + (long)hidden * classes;

    /// <summary>Multiply-accumulates per sample of computing a <paramref name="dimension"/>-coordinate embedding: the
    /// encoder's matrix products (its FLOPs without the output projection, halved) plus the principal-axis projection.</summary>
    public static long EncoderMacs(TransformerSettings encoder, int dimension)
    {
        long outputProjection = (long)ChannelLayout.Antennas * encoder.DModel * ChannelLayout.TokenWidth;
        return encoder.FlopsPerSample / 2 - outputProjection + (long)encoder.DModel * dimension;
    }

    /// <summary>
    /// Draws <paramref name="samplesPerRegion"/> fresh samples (from <see cref="FirstIndex"/>) of each region, labels
    /// them by their position in <paramref name="regions"/>, and compares the classifier on the first
    /// <paramref name="dimension"/> principal coordinates of <paramref name="encoder"/>'s embeddings of the coarse
    /// estimates H_in with the same classifier on H_in itself (2048 reals): both are what a receiver holds.
    /// </summary>
    public DownstreamResult Run(TransformerModel encoder, EmbeddingProjection projection, IChannelSource source,
        IReadOnlyList<int> regions, int samplesPerRegion, int dimension)
    {
        if (regions.Count < 2 || regions.Distinct().Count() != regions.Count)
            throw new ArgumentException($"Region identification needs at least 2 distinct regions (got {string.Join(", ", regions)}).", nameof(regions));
        if (samplesPerRegion < 2)
            throw new ArgumentOutOfRangeException(nameof(samplesPerRegion), samplesPerRegion, "at least 2 samples per region are needed for a train/test split");
        if (dimension < 1 || dimension > projection.Dimension)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"the projection offers 1..{projection.Dimension} dimensions");

        using var scope = NewDisposeScope();
        using var samples = ChannelDataset.Sample(source, regions, FirstIndex, samplesPerRegion);
        var inputs = samples.Input;
        var labels = Enumerable.Range(0, regions.Count).SelectMany(label => Enumerable.Repeat((long)label, samplesPerRegion)).ToArray();

        encoder.eval();
        var embeddings = Batches.Predict(inputs.shape[0], (start, length) => encoder.Embed(inputs.narrow(0, start, length)));
        Tensor coordinates;
        using (no_grad())
            coordinates = projection.Project(embeddings, dimension);
        return Run(coordinates, inputs.flatten(1), labels, EncoderMacs(encoder.Settings, dimension));
    }

    /// <summary>Compares the classifier on <paramref name="embeddingFeatures"/> [N, d] with the same classifier on
    /// <paramref name="rawFeatures"/> [N, 2048]; <paramref name="labels"/> are class indices 0..C-1 (C >= 2).</summary>
    public DownstreamResult Run(Tensor embeddingFeatures, Tensor rawFeatures, IReadOnlyList<long> labels, long encoderMacs = 0)
    {
        if (labels.Count == 0)
            throw new ArgumentException("The downstream task needs labelled samples; got none.", nameof(labels));
        int classes = (int)labels.Max() + 1;
        var embedding = Evaluate(embeddingFeatures, labels, classes);
        var raw = Evaluate(rawFeatures, labels, classes);
        return new DownstreamResult(embedding.Macs, raw.Macs, embedding.Accuracy, raw.Accuracy, (int)embeddingFeatures.shape[1], encoderMacs);
    }

    /// <summary>Trains the classifier on a seeded share of the samples (features [N, F], labels 0..classes-1) and scores it on the rest.</summary>
    public ClassifierOutcome Evaluate(Tensor features, IReadOnlyList<long> labels, int classes)
    {
        if (features.ndim != 2 || features.shape[0] != labels.Count)
            throw new ArgumentException($"Features must be [N, F] with N = {labels.Count} labels; got [{string.Join(", ", features.shape)}].", nameof(features));
        if (classes < 2 || labels.Any(l => l < 0 || l >= classes))
            throw new ArgumentException($"Labels must be class indices 0..{classes - 1} with at least 2 classes.", nameof(labels));
        int n = labels.Count, test = (int)Math.Round(n * settings.TestShare), train = n - test;
        if (test < 1 || train < 1)
            throw new ArgumentException($"Cannot split {n} samples with test share {settings.TestShare} into non-empty train and test parts.", nameof(labels));

        using var scope = NewDisposeScope();
        var order = ChannelDataset.Permutation(n, settings.Seed);
        var x = features.detach().to_type(ScalarType.Float32);
        var y = tensor(labels.ToArray());
        var (trainIndex, testIndex) = (tensor(order[..train]), tensor(order[train..]));
        var (xTrain, yTrain) = (x.index_select(0, trainIndex), y.index_select(0, trainIndex));
        var (xTest, yTest) = (x.index_select(0, testIndex), y.index_select(0, testIndex));
        var mean = xTrain.mean([0]);
        var std = xTrain.std([0]).clamp_min(1e-6);
        (xTrain, xTest) = ((xTrain - mean) / std, (xTest - mean) / std);

        int inputs = (int)x.shape[1];
        manual_seed(settings.Seed);
        using var classifier = nn.Sequential(nn.Linear(inputs, settings.Hidden), nn.ReLU(), nn.Linear(settings.Hidden, classes));
        double initialLoss = TestLoss(classifier, xTest, yTest);
        using var optimizer = optim.AdamW(classifier.parameters(), settings.LearningRate, weight_decay: settings.WeightDecay);
        classifier.train();
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
        {
            var shuffle = ChannelDataset.Permutation(train, unchecked(settings.Seed * 7919 + epoch));
            for (int start = 0; start < train; start += settings.BatchSize)
            {
                using var step = NewDisposeScope();
                var batch = tensor(shuffle[start..Math.Min(train, start + settings.BatchSize)]);
                var loss = nn.functional.cross_entropy(classifier.forward(xTrain.index_select(0, batch)), yTrain.index_select(0, batch));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        }
        classifier.eval();
        double finalLoss = TestLoss(classifier, xTest, yTest);
        double accuracy;
        using (no_grad())
            accuracy = classifier.forward(xTest).argmax(1).eq(yTest).to_type(ScalarType.Float64).mean().item<double>();
        return new ClassifierOutcome(accuracy, initialLoss, finalLoss, ClassifierMacs(inputs, settings.Hidden, classes));
    }

    private static double TestLoss(nn.Module<Tensor, Tensor> classifier, Tensor x, Tensor y)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return nn.functional.cross_entropy(classifier.forward(x), y).item<float>();
    }
}
