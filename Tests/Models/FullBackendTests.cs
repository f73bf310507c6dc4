using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Tests.Models;

/// <summary>
/// The full-fidelity back-end on the real CSI generator with the tiny preset: a cloud LAM pretrained (and
/// cached) on the pool of two regions, each agent a linear model in its region's coordinates on its own samples.
/// One back-end, built once.
/// </summary>
public sealed class FullBackendTests : IClassFixture<FullBackendTests.Backends>
{
    public sealed class Backends : IDisposable
    {
        private readonly string _cache = Directory.CreateTempSubdirectory("malam4com-full-").FullName;
        private FullBackend? _backend;

        public static LearningSettings Settings() =>
            new(Fidelity.Full, 1.0 / 16, Regions: 2, Agents: 4, Anchors: 64, SamplesMin: 24, SamplesMax: 24, TestSamples: 48, PooledData: false, InputAxes: 64, OutputAxes: 64,
                DistillWeight: 3, PriorShare: 0.1, ConsensusWeight: 0, TeacherShare: 0.5, ElasticTeacher: true, StalenessDiscount: 0.5, MaxStaleness: 2,
                LamPreset: "tiny", LamPoolSamplesPerRegion: 160, LamEpochs: 8, LamBatchSize: 64, LamLearningRate: 3e-3, LamWarmupEpochs: 2, LamFreshSamplesPerRegion: 0, DistillSteps: 0, LamStemRank: 0, Lite: LiteSettings.Default);

        public FullBackend Backend => _backend ??= new FullBackend(Settings(), 7, _cache, TextWriter.Null, FullBackend.RandomSubset);

        public void Dispose()
        {
            _backend?.Dispose();
            Directory.Delete(_cache, recursive: true);
        }
    }

    private readonly Backends _backends;

    public FullBackendTests(Backends backends) => _backends = backends;

    private IAgentLearner Agent(int agent, int region = 2)
    {
        var backend = _backends.Backend;
        var learner = backend.CreateAgent(agent, region);
        learner.SetAnchors(backend.DistilAnchors(region));
        return learner;
    }

    [Fact]
    public void LocalTrainingBeatsTheCoarseEstimateOnSamplesTheAgentNeverTrainedOn()
    {
        var agent = Agent(0);
        double coarse = agent.TestNmse();
        agent.TrainRound(0);
        // Region 2 is LOS: its channel is largely predictable from the measurements.
        Assert.True(agent.TestNmse() < 0.5 * coarse, $"test NMSE {agent.TestNmse():F4} after training, {coarse:F4} as the coarse estimate");
    }

    [Fact]
    public void KnowledgeIsTheRegionsCoordinatesOfTheEstimatesOnTheAnchors()
    {
        var backend = _backends.Backend;
        var agent = Agent(1);
        agent.TrainRound(0);
        Assert.Equal(64, backend.MaxDimension);
        Assert.Equal(64 * 8, agent.Embeddings(8).Length);
        Assert.Equal(agent.Embeddings(4)[..4], agent.Embeddings(8)[..4]);
        var anchors = backend.DistilAnchors(2);
        Assert.Equal(64 * 2048, anchors.Length);
        Assert.Equal(64 * 2048, agent.Outputs().Length);
        Assert.Equal(64 * 64, backend.TeacherEmbeddings(2, anchors).Length);
        // An agent's outputs, seen through the region's axes, are its embeddings.
        var encoded = backend.Region(2).EncodeOutputs([.. agent.Outputs()]);
        Assert.All(encoded.Zip(agent.Embeddings(64)), p => Assert.Equal(p.Second, p.First, 2));
    }

    [Fact]
    public void WeightsRoundTripAndSavedStateRestoresTheSameModel()
    {
        var a = Agent(4);
        var b = Agent(5);
        a.TrainRound(0);
        Assert.NotEqual(a.TestNmse(), b.TestNmse());
        var weights = a.Weights();
        Assert.Equal(2048 * (128 + 1), weights.Length);
        b.LoadWeights([.. weights]);
        // The shared shape goes through the region's coordinates and back: the same map, within float precision.
        Assert.All(weights.Zip(b.Weights()), p => Assert.Equal(p.First, p.Second, 3));
        Assert.All(a.Embeddings(16).Zip(b.Embeddings(16)), p => Assert.Equal(p.First, p.Second, 4));
        var saved = a.Save();
        a.LoadWeights([.. weights.Select(w => -w)]);
        Assert.NotEqual(weights, a.Weights());
        a.Restore(saved);
        Assert.Equal(weights, a.Weights());
        Assert.Throws<ArgumentException>(() => b.LoadWeights([.. weights[..^1]]));
        // Loaded weights are also what the next fits are pulled toward.
        b.TrainRound(1);
        Assert.NotEqual(b.TestNmse(), Agent(5).TestNmse());
    }

    [Fact]
    public void TheSameAgentIsTheSameEveryTime()
    {
        var first = Agent(9);
        var second = Agent(9);
        first.TrainRound(0);
        second.TrainRound(0);
        Assert.Equal(first.TestNmse(), second.TestNmse());
        Assert.Equal(first.TrainingSamples, second.TrainingSamples);
    }

    [Fact]
    public void WithFreshSamplesTheLamPretrainsOnNewDrawsEveryEpochAndIsCachedApart()
    {
        string cache = Directory.CreateTempSubdirectory("malam4com-fresh-").FullName;
        try
        {
            var progress = new StringWriter();
            var settings = Backends.Settings() with { LamEpochs = 2, LamFreshSamplesPerRegion = 40 };
            using (new FullBackend(settings, 7, cache, progress, FullBackend.RandomSubset))
                Assert.Contains("pretraining on 80 fresh samples per epoch of regions 1-2", progress.ToString());
            using (new FullBackend(settings with { LamFreshSamplesPerRegion = 0 }, 7, cache, progress, FullBackend.RandomSubset))
                Assert.Contains("pretraining on 288 pool samples", progress.ToString());
            // Two checkpoints (and their JSON): the fixed-pool LAM does not reuse the fresh one.
            Assert.Equal(4, Directory.GetFiles(cache).Length);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }
}
