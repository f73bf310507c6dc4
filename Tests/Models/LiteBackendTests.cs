using System.Collections.Immutable;
using MaLAM4Com.Actors.Domain;
using MaLAM4Com.Actors.Methods;
using MaLAM4Com.Channels;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Models;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Tests.Models;

/// <summary>The lite back-end: real CSI of each region in small coordinates, agents' linear models on seeded picks from shared pools.</summary>
public sealed class LiteBackendTests
{
    private static LearningSettings Settings(double distillWeight = 3) =>
        new(Fidelity.Lite, 1.0 / 32, Regions: 4, Agents: 16, Anchors: 64, SamplesMin: 12, SamplesMax: 12, TestSamples: 64, PooledData: false, InputAxes: 64, OutputAxes: 128,
            DistillWeight: distillWeight, PriorShare: 0.1, ConsensusWeight: 0, TeacherShare: 0.5, ElasticTeacher: true, StalenessDiscount: 0.5, MaxStaleness: 2,
            LamPreset: "tiny", LamPoolSamplesPerRegion: 300, LamEpochs: 1, LamBatchSize: 64, LamLearningRate: 3e-3, LamWarmupEpochs: 2, LamFreshSamplesPerRegion: 0, DistillSteps: 0, LamStemRank: 0,
            Lite: new LiteSettings(InputAxes: 16, PoolSamples: 1024, TestPoolSamples: 256, TeacherSamples: 24));

    private static IAgentLearner Agent(LiteBackend backend, int agent, int region)
    {
        var learner = backend.CreateAgent(agent, region);
        learner.SetAnchors(backend.DistilAnchors(region));
        return learner;
    }

    [Fact]
    public void PooledDataGivesEachAgentItsRegionsTrainingSamplesAndKeepsItsOwnTest()
    {
        var settings = Settings() with { Agents = 10, SamplesMin = 8, SamplesMax = 20 };
        // Agent a is in region 1 + a mod 4: region 2 holds agents 1, 5 and 9, region 4 agents 3 and 7.
        Assert.Equal([5], settings.TrainingAgents(5));
        Assert.Equal([1, 5, 9], (settings with { PooledData = true }).TrainingAgents(5));
        Assert.Equal([3, 7], (settings with { PooledData = true }).TrainingAgents(7));
        var alone = new LiteBackend(settings, 42, 16);
        var pooled = new LiteBackend(settings with { PooledData = true }, 42, 16);
        var own = Agent(alone, 5, 2);
        var all = Agent(pooled, 5, 2);
        Assert.Equal(new[] { 1, 5, 9 }.Sum(a => alone.CreateAgent(a, 2).TrainingSamples), all.TrainingSamples);
        // The same test samples: before training both are the coarse estimate on them.
        Assert.Equal(own.TestNmse(), all.TestNmse());
        own.TrainRound(0);
        all.TrainRound(0);
        // Region 2 is LOS: the region's samples pooled teach more than one agent's, measured on samples neither fitted.
        Assert.True(all.TestNmse() < own.TestNmse(), $"test NMSE {all.TestNmse():F4} pooled, {own.TestNmse():F4} alone");
    }

    [Fact]
    public void LocalTrainingBeatsTheCoarseEstimateOnSamplesTheAgentNeverSaw()
    {
        var backend = new LiteBackend(Settings() with { SamplesMin = 60, SamplesMax = 60 }, 42, 16);
        // Region 2 is LOS: its channels are predictable from the measurements.
        var agent = Agent(backend, 1, 2);
        double coarse = agent.TestNmse();
        agent.TrainRound(0);
        double trained = agent.TestNmse();
        Assert.True(trained < 0.5 * coarse, $"test NMSE {trained:F4} after training, {coarse:F4} as the coarse estimate");
        // Every round's fit counts the agent's samples toward the run's learning throughput.
        agent.TrainRound(1);
        Assert.Equal(2 * 60, backend.Tally.Samples);
    }

    [Fact]
    public void DistillingTowardTheTeacherHelpsAnAgentWithFewSamples()
    {
        var backend = new LiteBackend(Settings() with { Lite = Settings().Lite with { TeacherSamples = 200 } }, 42, 16);
        var alone = Agent(backend, 3, 2);
        var taught = Agent(backend, 3, 2);
        taught.DistilToward(new DistillationTarget(KnowledgeSpace.Embeddings, backend.TeacherEmbeddings(2, backend.DistilAnchors(2))));
        alone.TrainRound(0);
        taught.TrainRound(0);
        Assert.True(taught.TestNmse() < 0.8 * alone.TestNmse(), $"{taught.TestNmse():F4} distilling from a teacher of 200 samples, {alone.TestNmse():F4} from 12 own");
        Assert.True(taught.Disagreement() < 1 && alone.Disagreement() == 1);
    }

    // With consensus, a teacher's knowledge alone (no peer in it) is weighed as in plain distillation.
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void AWrongTargetDoesNotMisleadTheAgent(double consensusWeight)
    {
        var backend = new LiteBackend(Settings() with { SamplesMin = 40, SamplesMax = 40, ConsensusWeight = consensusWeight }, 42, 16);
        var alone = Agent(backend, 5, 2);
        var misled = Agent(backend, 5, 2);
        var wrong = backend.TeacherEmbeddings(2, backend.DistilAnchors(2)).Select(v => -5 * v).ToImmutableArray();
        misled.DistilToward(new DistillationTarget(KnowledgeSpace.Embeddings, wrong, FromPeers: false));
        alone.TrainRound(0);
        misled.TrainRound(0);
        Assert.Equal(alone.TestNmse(), misled.TestNmse(), 9);
        Assert.Equal(0, ((LinearAgentLearner)misled).DistillWeightUsed);
    }

    // In consensus, a region's block of one report (the agent's own, perhaps: the cloud sends one where it has no teacher)
    // is no consensus to reach and is weighed as plain distillation; a block averaging two or more agents' reports is one.
    [Theory]
    [InlineData(MaLAM4ComMethod.Id)]
    [InlineData(FdFullMethod.Id)]
    public void ABlockOfOneReportIsNoConsensusToReach(string name)
    {
        var method = CooperationMethods.Resolve(name);
        var backend = new LiteBackend(Settings() with { SamplesMin = 40, SamplesMax = 40, ConsensusWeight = 1 }, 42, 16);
        var wrong = backend.TeacherEmbeddings(2, backend.DistilAnchors(2)).Select(v => -5 * v).ToImmutableArray();
        var (alone, one, two) = (Agent(backend, 5, 2), Agent(backend, 5, 2), Agent(backend, 5, 2));
        method.Absorb(one, new KnowledgeBlock(2, 40, wrong, Count: 1));
        method.Absorb(two, new KnowledgeBlock(2, 80, wrong, Count: 2));
        foreach (var agent in new[] { alone, one, two })
            agent.TrainRound(0);
        Assert.Equal(0, ((LinearAgentLearner)one).DistillWeightUsed);
        Assert.Equal(alone.TestNmse(), one.TestNmse(), 12);
        // Two reports are a consensus: the agent distils toward them whatever its own samples say.
        Assert.True(((LinearAgentLearner)two).DistillWeightUsed > 0);
        Assert.True(two.TestNmse() > alone.TestNmse(), $"{two.TestNmse():F4} in consensus with wrong knowledge, {alone.TestNmse():F4} alone");
    }

    // A region's agents trained for some rounds, each round reporting on the anchors at some bits per value and
    // distilling toward the sample-weighted average of the reports (an edge's aggregate with every report
    // arriving): their mean test NMSE.
    private static double Cooperate(double consensusWeight, int rounds, int bits = 32)
    {
        var backend = new LiteBackend(Settings() with { SamplesMin = 6, SamplesMax = 14, ConsensusWeight = consensusWeight }, 42, 16);
        var agents = Enumerable.Range(0, 4).Select(a => Agent(backend, 4 * a + 1, 2)).ToList();
        for (int round = 0; round < rounds; round++)
        {
            var reports = agents.Select(a =>
            {
                a.TrainRound(round);
                var values = Quantizer.Apply(a.Embeddings(16), bits);
                a.Sent(new DistillationTarget(KnowledgeSpace.Embeddings, values));
                return (Values: values, Weight: (double)a.TrainingSamples);
            }).ToList();
            double total = reports.Sum(r => r.Weight);
            var average = Enumerable.Range(0, reports[0].Values.Length).Select(i => (float)reports.Sum(r => r.Values[i] * r.Weight / total)).ToImmutableArray();
            foreach (var a in agents)
                a.DistilToward(new DistillationTarget(KnowledgeSpace.Embeddings, average));
        }
        return agents.Average(a => a.TestNmse());
    }

    [Fact]
    public void ConsensusTakesARegionsAgentsFurtherThanPlainDistillation()
    {
        double local = Cooperate(0, 1), plain = Cooperate(0, 12), consensus = Cooperate(1, 12);
        Assert.True(plain < local, $"plain distillation {plain:F4}, local {local:F4}");
        Assert.True(consensus < plain, $"consensus {consensus:F4}, plain distillation {plain:F4}");
        // At the default coarsest quantisation too.
        Assert.True(Cooperate(1, 12, bits: 4) < Cooperate(0, 12, bits: 4));
    }

    [Fact]
    public void OnlyAnAgentThatReportedCorrectsForItsOffsetFromTheTarget()
    {
        var backend = new LiteBackend(Settings() with { ConsensusWeight = 1 }, 42, 16);
        var target = new DistillationTarget(KnowledgeSpace.Embeddings, backend.TeacherEmbeddings(2, backend.DistilAnchors(2)));
        IAgentLearner TwoRounds(bool reports)
        {
            var agent = Agent(backend, 3, 2);
            agent.TrainRound(0);
            if (reports)
                agent.Sent(new DistillationTarget(KnowledgeSpace.Embeddings, [.. agent.Embeddings(16)]));
            agent.DistilToward(target);
            agent.TrainRound(1);
            return agent;
        }
        // Silent, the agent distils toward the target as if it had always held it; having reported, it does not.
        var taughtFirst = Agent(backend, 3, 2);
        taughtFirst.DistilToward(target);
        taughtFirst.TrainRound(0);
        Assert.Equal(taughtFirst.Embeddings(16), TwoRounds(reports: false).Embeddings(16));
        Assert.NotEqual(taughtFirst.Embeddings(16), TwoRounds(reports: true).Embeddings(16));
    }

    [Fact]
    public void KnowledgeIsTheLeadingCoordinatesOfTheEstimatesOnTheAnchors()
    {
        var backend = new LiteBackend(Settings(), 3, 16);
        var agent = Agent(backend, 1, 1);
        agent.TrainRound(0);
        var full = agent.Embeddings(16);
        var four = agent.Embeddings(4);
        int anchors = backend.DistilAnchors(1).Length / 16;
        Assert.Equal(64, anchors);
        Assert.Equal((anchors * 16, anchors * 4), (full.Length, four.Length));
        for (int a = 0; a < anchors; a++)
            for (int i = 0; i < 4; i++)
                Assert.Equal(full[a * 16 + i], four[a * 4 + i]);
        Assert.Equal(full, agent.Embeddings(100));
        Assert.Equal(full, agent.Outputs());
        Assert.Equal(16, agent.EmbeddingWidth);
        // What a report leaves out of this knowledge: less with more coordinates and more bits, nothing with all of them unquantised.
        double ReportError(int dimension, int bits) => MaLAM4ComMethod.ReportError(full, 16, dimension, bits);
        Assert.Equal(0, ReportError(16, 32));
        double four8 = ReportError(4, 8), eight8 = ReportError(8, 8), all8 = ReportError(16, 8);
        Assert.True(four8 > eight8 && eight8 > all8 && all8 > 0, $"{four8} {eight8} {all8}");
        Assert.True(ReportError(16, 4) > all8);
        // Beyond the quantisation, a 4-coordinate report leaves out the energy of the other twelve.
        double beyond = 0, power = 0;
        for (int i = 0; i < full.Length; i++)
        {
            power += (double)full[i] * full[i];
            beyond += i % 16 >= 4 ? (double)full[i] * full[i] : 0;
        }
        Assert.Equal(beyond / power, ReportError(4, 32), 6);
    }

    [Fact]
    public void ASkipLeavesOutWhatTheAgentDriftedFromTheLastReportItsEdgeStillCounts()
    {
        var backend = new LiteBackend(Settings() with { StalenessDiscount = 1, MaxStaleness = 2 }, 42, 16);
        var agent = Agent(backend, 3, 2);
        agent.TrainRound(0);
        Assert.Equal(1, agent.StaleReportError());
        agent.Sent(new DistillationTarget(KnowledgeSpace.Embeddings, [.. agent.Embeddings(16)]));
        // Nothing changed since the report: the edge still holds what the agent would say.
        agent.TrainRound(1);
        Assert.Equal(0, agent.StaleReportError(), 9);
        agent.DistilToward(new DistillationTarget(KnowledgeSpace.Embeddings, backend.TeacherEmbeddings(2, backend.DistilAnchors(2))));
        agent.TrainRound(2);
        double drifted = agent.StaleReportError();
        Assert.InRange(drifted, 1e-6, 1 - 1e-6);
        // A report of the leading 4 of 16 coordinates leaves out the energy of the other 12.
        agent.Sent(new DistillationTarget(KnowledgeSpace.Embeddings, [.. agent.Embeddings(4)]));
        agent.TrainRound(3);
        var now = agent.Embeddings(16);
        double rest = 0, all = 0;
        for (int i = 0; i < now.Length; i++)
        {
            all += (double)now[i] * now[i];
            rest += i % 16 >= 4 ? (double)now[i] * now[i] : 0;
        }
        Assert.Equal(rest / all, agent.StaleReportError(), 6);
        // A restored agent does not count on its last report.
        var restored = backend.CreateAgent(3, 2);
        restored.Restore(agent.Save());
        Assert.Equal(1, restored.StaleReportError());
        // Past max-staleness the edge no longer counts the report.
        agent.TrainRound(6);
        Assert.Equal(1, agent.StaleReportError());

        // An edge that halves a silent agent's weight each round holds half of the report after one round.
        var halved = Agent(new LiteBackend(Settings() with { StalenessDiscount = 0.5, MaxStaleness = 2 }, 42, 16), 3, 2);
        halved.TrainRound(0);
        halved.Sent(new DistillationTarget(KnowledgeSpace.Embeddings, [.. halved.Embeddings(16)]));
        halved.TrainRound(1);
        Assert.Equal(0.5, halved.StaleReportError(), 9);
    }

    private static byte[] Packed(object state)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            new StatePacker(writer, (_, o) => throw new InvalidOperationException($"{o.GetType()} does not pack itself")).WriteObject(state);
        return stream.ToArray();
    }

    private static object Shipped(object state)
    {
        using var stream = new MemoryStream(Packed(state));
        using var reader = new BinaryReader(stream);
        return new StateUnpacker(reader, _ => throw new InvalidOperationException("nothing else was written")).ReadObject()!;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void SaveAndRestoreContinueExactlyWhereTheAgentLeftOff(double consensusWeight)
    {
        var backend = new LiteBackend(Settings() with { ConsensusWeight = consensusWeight }, 11, 16);
        var agent = Agent(backend, 9, 3);
        var teacher = new DistillationTarget(KnowledgeSpace.Outputs, backend.TeacherOutputs(3, backend.DistilAnchors(3)));
        agent.DistilToward(teacher);
        agent.TrainRound(0);
        // A report followed by a target leaves a consensus correction, which the saved state must carry.
        agent.Sent(new DistillationTarget(KnowledgeSpace.Embeddings, [.. agent.Embeddings(16)]));
        agent.DistilToward(teacher);
        agent.TrainRound(1);
        var saved = agent.Save();
        var atSave = agent.Embeddings(16);
        var other = Agent(backend, 10, 3);
        other.TrainRound(0);
        agent.LoadWeights([.. other.Weights()]);
        Assert.NotEqual(atSave, agent.Embeddings(16));
        var restarted = backend.CreateAgent(9, 3);
        restarted.Restore(saved);
        Assert.True(restarted.HasAnchors);
        Assert.Equal(atSave, restarted.Embeddings(16));
        // As a cluster ships it to the clock: packed, read back, and it goes on alike.
        var shipped = backend.CreateAgent(9, 3);
        shipped.Restore(Shipped(saved));
        shipped.TrainRound(2);
        restarted.TrainRound(2);
        Assert.Equal(restarted.Embeddings(16), shipped.Embeddings(16));
        agent.Restore(saved);
        Assert.Equal(atSave, agent.Embeddings(16));

        // Saved right after its fit, the agent's state leaves the model out (the restored agent refits it, to the same
        // values); saved once the target has moved on since the fit, it must carry the model.
        agent.DistilToward(new DistillationTarget(KnowledgeSpace.Outputs, backend.TeacherOutputs(3, backend.DistilAnchors(3))));
        var moved = agent.Save();
        Assert.True(Packed(saved).Length < Packed(moved).Length, $"{Packed(saved).Length} bytes saved after the fit, {Packed(moved).Length} after the target moved");
        var fromMoved = backend.CreateAgent(9, 3);
        fromMoved.Restore(Shipped(moved));
        Assert.Equal(atSave, fromMoved.Embeddings(16));
        Assert.Equal(agent.Weights(), fromMoved.Weights());
        Assert.Equal(agent.TestNmse(), fromMoved.TestNmse());
        Assert.Throws<ArgumentException>(() => agent.LoadWeights([1f, 2f]));
    }

    [Fact]
    public void SameSeedGivesTheSameLearningAndAnotherSeedDoesNot()
    {
        float[] Run(ulong seed)
        {
            var backend = new LiteBackend(Settings(), seed, 16);
            var agent = Agent(backend, 4, 1);
            agent.TrainRound(0);
            return agent.Embeddings(16);
        }
        Assert.Equal(Run(21), Run(21));
        Assert.NotEqual(Run(21), Run(22));
    }

    [Fact]
    public void ARegionIsBuiltTheSameEachTimeAndABackEndTakesItFromTheProcessOnceBuilt()
    {
        var learning = Settings() with { Lite = Settings().Lite with { TeacherSamples = 25 } };
        // Built twice from scratch, one region is the same region: that is what lets back-ends share it.
        LiteRegionTask Fresh() => new(2, new CsiChannelSource(new CsiGeneratorSettings(), 8, learning.Rho), learning, 16, 8);
        var (a, b) = (Fresh(), Fresh());
        Assert.Equal(a.Anchors.ToArray(), b.Anchors.ToArray());
        Assert.Equal(a.Teach(a.Anchors).ToArray(), b.Teach(b.Anchors).ToArray());

        var first = new LiteBackend(learning, 8, 16);
        Assert.Equal(a.Teach(a.Anchors).ToArray(), first.TeacherOutputs(2, first.DistilAnchors(2)).ToArray());
        Assert.Same(first.Region(2), new LiteBackend(learning with { SamplesMin = 5, ConsensusWeight = 1 }, 8, 16).Region(2));
        Assert.NotSame(first.Region(2), new LiteBackend(learning, 9, 16).Region(2));
        Assert.NotSame(first.Region(2), new LiteBackend(learning with { Lite = learning.Lite with { TeacherSamples = 26 } }, 8, 16).Region(2));
        Assert.NotSame(first.Region(2), new LiteBackend(learning, 8, 8).Region(2));
    }

    [Fact]
    public void BadInputsAreRefusedWithTheReason()
    {
        var backend = new LiteBackend(Settings(), 5, 16);
        Assert.Contains("regions are 1..4", Assert.Throws<ArgumentOutOfRangeException>(() => backend.CreateAgent(0, 5)).Message);
        var agent = backend.CreateAgent(0, 1);
        Assert.Contains("no anchors", Assert.Throws<InvalidOperationException>(() => agent.Embeddings(4)).Message);
        agent.SetAnchors(new float[10].ToImmutableArray());
        Assert.Contains("16-feature inputs", Assert.Throws<ArgumentException>(() => agent.Embeddings(4)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiteBackend(Settings() with { SamplesMin = 0 }, 1, 16));
    }
}
