using System.Collections.Immutable;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Tests.Models;

public sealed class LiteBackendTests
{
    // Few private samples (8) for 16 x 16 weights: local data alone leaves the model well short of the noise floor.
    private static LearningSettings Settings(double distillWeight = 1.0) =>
        new(Fidelity.Lite, 1.0 / 32, Regions: 3, Anchors: 32, SamplesMin: 8, SamplesMax: 8, TestSamples: 64,
            LocalSteps: 4, BatchSize: 8, LearningRate: 1e-3, DistillWeight: distillWeight, DistillAnchorsPerStep: 8, TeacherShare: 0.5,
            StalenessDiscount: 0.5, MaxStaleness: 2, LamPreset: "tiny", LamPoolSamplesPerRegion: 2000, LamEpochs: 1, LamFreshSamplesPerRegion: 0, DistillSteps: 1, LamStemRank: 0, SamStemRank: 0);

    private static IAgentLearner Agent(LiteBackend backend, int agent, int region)
    {
        var learner = backend.CreateAgent(agent, region);
        learner.SetAnchors(backend.DistilAnchors(region));
        return learner;
    }

    [Fact]
    public void NormalisedStepsStayStableWithLargeBatchesAndManySteps()
    {
        var backend = new LiteBackend(Settings() with { SamplesMin = 48, SamplesMax = 160, LocalSteps = 8, BatchSize = 32 }, 42);
        var agent = Agent(backend, 1, 2);
        double last = agent.TestNmse();
        for (int r = 0; r < 4; r++)
        {
            agent.TrainRound(r);
            double now = agent.TestNmse();
            Assert.True(now < last, $"round {r}: {now} after {last}");
            last = now;
        }
    }

    [Fact]
    public void TestNmseFallsWithLocalTraining()
    {
        // With plenty of private samples the model keeps improving toward the noise floor.
        var backend = new LiteBackend(Settings() with { SamplesMin = 400, SamplesMax = 400 }, 7);
        var agent = Agent(backend, 5, 2);
        double untrained = agent.TestNmse();
        for (int r = 0; r < 3; r++)
            agent.TrainRound(r);
        double early = agent.TestNmse();
        for (int r = 3; r < 40; r++)
            agent.TrainRound(r);
        double late = agent.TestNmse();
        Assert.Equal(1.0, untrained, 6);
        Assert.True(early < 0.9 * untrained, $"after 3 rounds {early} vs untrained {untrained}");
        Assert.True(late < 0.5 * early, $"after 40 rounds {late} vs 3 rounds {early}");
    }

    [Fact]
    public void DistillingTowardTheTeacherLowersTheErrorFurther()
    {
        var backend = new LiteBackend(Settings(), 7);
        var local = Agent(backend, 5, 2);
        var distilled = Agent(backend, 5, 2);
        var teacher = backend.TeacherOutputs(2, backend.DistilAnchors(2));
        for (int r = 0; r < 40; r++)
        {
            local.TrainRound(r);
            distilled.DistilToward(new DistillationTarget(KnowledgeSpace.Embeddings, teacher));
            distilled.TrainRound(r);
        }
        double localNmse = local.TestNmse(), distilledNmse = distilled.TestNmse();
        Assert.True(distilledNmse < 0.5 * localNmse, $"distilled {distilledNmse} vs local only {localNmse}");
        Assert.True(distilledNmse < 0.1, $"distilled toward a good teacher: {distilledNmse}");
    }

    [Fact]
    public void KnowledgeIsTheLeadingCoordinatesOfTheOutputsOnTheAnchors()
    {
        var backend = new LiteBackend(Settings(), 3);
        var agent = Agent(backend, 1, 1);
        agent.TrainRound(0);
        var full = agent.Embeddings(backend.MaxDimension);
        var four = agent.Embeddings(4);
        int anchors = backend.DistilAnchors(1).Length / backend.MaxDimension;
        Assert.Equal(anchors * backend.MaxDimension, full.Length);
        Assert.Equal(anchors * 4, four.Length);
        for (int a = 0; a < anchors; a++)
            for (int i = 0; i < 4; i++)
                Assert.Equal(full[a * backend.MaxDimension + i], four[a * 4 + i]);
        // Asking for more than the encoder offers gives all it has.
        Assert.Equal(full, agent.Embeddings(4 * backend.MaxDimension));
    }

    [Fact]
    public void SaveAndRestoreContinueExactlyWhereTheAgentLeftOff()
    {
        var backend = new LiteBackend(Settings(), 11);
        var teacher = backend.TeacherOutputs(3, backend.DistilAnchors(3));
        var agent = Agent(backend, 9, 3);
        agent.DistilToward(new DistillationTarget(KnowledgeSpace.Embeddings, teacher));
        agent.TrainRound(0);
        var saved = agent.Save();
        var atSave = agent.Embeddings(16);
        agent.TrainRound(1);
        var uninterrupted = agent.Embeddings(16);
        Assert.NotEqual(atSave, uninterrupted);

        var restarted = backend.CreateAgent(9, 3);
        restarted.Restore(saved);
        Assert.True(restarted.HasAnchors);
        Assert.Equal(atSave, restarted.Embeddings(16));
        restarted.TrainRound(1);
        Assert.Equal(uninterrupted, restarted.Embeddings(16));
        // Training after the save did not change the saved state (weights are copied on write).
        agent.Restore(saved);
        Assert.Equal(atSave, agent.Embeddings(16));
    }

    [Fact]
    public void SameSeedGivesTheSameLearningAndAnotherSeedDoesNot()
    {
        float[] Run(ulong seed)
        {
            var backend = new LiteBackend(Settings(), seed);
            var agent = Agent(backend, 4, 1);
            for (int r = 0; r < 5; r++)
            {
                agent.TrainRound(r);
                agent.DistilToward(new DistillationTarget(KnowledgeSpace.Embeddings, backend.TeacherOutputs(1, backend.DistilAnchors(1))));
            }
            return agent.Embeddings(16);
        }
        Assert.Equal(Run(21), Run(21));
        Assert.NotEqual(Run(21), Run(22));
    }

    [Fact]
    public void AnchorsAreSharedAndMatchTheRegionsInputMoments()
    {
        var backend = new LiteBackend(Settings(), 5);
        var task = backend.Region(1);
        Assert.True(backend.DistilAnchors(1) == backend.DistilAnchors(1), "every agent of a region shares one anchor array");
        int d = task.Dimension, anchors = task.Anchors.Length / d;
        for (int i = 0; i < d; i++)
        {
            double poolMean = Enumerable.Range(0, task.TrainSamples).Average(n => task.TrainPool[n * task.Stride + i]);
            double anchorMean = Enumerable.Range(0, anchors).Average(a => task.Anchors[a * d + i]);
            Assert.Equal(poolMean, anchorMean, 3);
        }
        Assert.NotEqual(backend.DistilAnchors(1), backend.DistilAnchors(2));
    }

    [Fact]
    public void WeightsCanBeReadAndReplaced()
    {
        var backend = new LiteBackend(Settings(), 5);
        var a = Agent(backend, 1, 1);
        var b = Agent(backend, 2, 1);
        a.TrainRound(0);
        b.TrainRound(0);
        var global = a.Weights().Zip(b.Weights(), (x, y) => (x + y) / 2).ToArray();
        a.LoadWeights([.. global]);
        Assert.Equal(global, a.Weights());
    }

    [Fact]
    public void BadInputsAreRejectedWithTheReason()
    {
        var backend = new LiteBackend(Settings(), 5);
        Assert.Contains("regions are 1..3", Assert.Throws<ArgumentOutOfRangeException>(() => backend.CreateAgent(0, 4)).Message);
        var agent = backend.CreateAgent(0, 1);
        Assert.Contains("no anchors", Assert.Throws<InvalidOperationException>(() => agent.Embeddings(4)).Message);
        Assert.Contains("16-dimensional", Assert.Throws<ArgumentException>(() => agent.SetAnchors(new float[10].ToImmutableArray())).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiteBackend(Settings() with { SamplesMin = 0 }, 1));
    }
}
