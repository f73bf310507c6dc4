using MaLAM4Com.Models;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Tests.Models;

/// <summary>
/// The full-fidelity back-end on the real CSI generator with the tiny preset: a cloud LAM pretrained (and
/// cached) on the pool of two regions, agents with a TorchSharp SAM each. One back-end, built once.
/// </summary>
public sealed class FullBackendTests : IClassFixture<FullBackendTests.Backends>
{
    public sealed class Backends : IDisposable
    {
        private readonly string _cache = Directory.CreateTempSubdirectory("malam4com-full-").FullName;
        private FullBackend? _backend;

        public static LearningSettings Settings() =>
            new(Fidelity.Full, 1.0 / 16, Regions: 2, Anchors: 16, SamplesMin: 24, SamplesMax: 24, TestSamples: 48,
                LocalSteps: 6, BatchSize: 16, LearningRate: 2e-3, DistillWeight: 1.0, DistillAnchorsPerStep: 8, TeacherShare: 0.5,
                StalenessDiscount: 0.5, MaxStaleness: 2, LamPreset: "tiny", LamPoolSamplesPerRegion: 160, LamEpochs: 8, LamFreshSamplesPerRegion: 0, DistillSteps: 0, LamStemRank: 0, SamStemRank: 0);

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
    public void LocalTrainingLowersTheTestNmseOnSamplesTheAgentNeverTrainedOn()
    {
        var agent = Agent(0);
        double before = agent.TestNmse();
        for (int round = 0; round < 8; round++)
            agent.TrainRound(round);
        Assert.True(agent.TestNmse() < 0.9 * before, $"test NMSE {agent.TestNmse():F4} after training, {before:F4} before");
    }

    [Fact]
    public void DistillationPullsTheAgentsEmbeddingsTowardTheGlobalOnes()
    {
        var backend = _backends.Backend;
        var alone = Agent(3);
        var taught = Agent(3);
        // The teacher's embeddings of the other region's anchors: targets that local training alone does not lead to (with a
        // region's own teacher, a good local model gets there unaided), so only distillation can close the distance.
        var teacher = backend.TeacherEmbeddings(1, backend.DistilAnchors(1));
        taught.DistilToward(new DistillationTarget(KnowledgeSpace.Embeddings, teacher));
        for (int round = 0; round < 6; round++)
        {
            alone.TrainRound(round);
            taught.TrainRound(round);
        }
        double Gap(IAgentLearner agent) => agent.Embeddings(backend.MaxDimension).Zip(teacher).Average(p => (p.First - p.Second) * (p.First - p.Second));
        Assert.True(Gap(taught) < 0.8 * Gap(alone), $"distance to the global embeddings: {Gap(taught):G4} distilling, {Gap(alone):G4} alone");
    }

    [Fact]
    public void KnowledgeIsAnchorsTimesDimensionAndTheProjectionOrdersVariance()
    {
        var backend = _backends.Backend;
        var agent = Agent(1);
        Assert.Equal(16 * 8, agent.Embeddings(8).Length);
        Assert.Equal(16 * backend.MaxDimension, backend.TeacherEmbeddings(2, backend.DistilAnchors(2)).Length);
        // The leading coordinates of the shorter embedding are the longer one's: one projection, truncated.
        Assert.Equal(agent.Embeddings(4)[..4], agent.Embeddings(8)[..4]);
        var explained = backend.Projection.ExplainedVariance;
        Assert.True(explained.Zip(explained.Skip(1)).All(p => p.First <= p.Second + 1e-12) && Math.Abs(explained[^1] - 1) < 1e-9);
        Assert.Equal(16 * 2048, Agent(1).Outputs().Length);
    }

    [Fact]
    public void FedAvgWeightsRoundTripAndSavedStateRestoresTheSameModel()
    {
        var a = Agent(4);
        var b = Agent(5);
        a.TrainRound(0);
        Assert.NotEqual(a.TestNmse(), b.TestNmse());
        var weights = a.Weights();
        // The scenario's stem rank (0) replaces the preset SAM's (8): an agent's weights are the stemless SAM's.
        Assert.Equal((ModelPreset.Tiny.Sam with { StemRank = 0 }).ParameterCount, weights.Length);
        b.LoadWeights([.. weights]);
        Assert.Equal(weights, b.Weights());
        var saved = a.Save();
        a.TrainRound(1);
        Assert.NotEqual(weights, a.Weights());
        a.Restore(saved);
        Assert.Equal(weights, a.Weights());
        Assert.Throws<ArgumentException>(() => b.LoadWeights([.. weights[..^1]]));
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
