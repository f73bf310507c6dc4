namespace MaLAM4Com.Engine.Randomness;

/// <summary>
/// Every random stream of the project, named once (as ns-3 numbers its streams). A stream's numbers
/// are a pure function of the run seed and the stream's keys (<see cref="RandomStreams.Key"/>), so a
/// draw does not depend on threads, partitions or the order of events. Add a stream here, with its
/// derivation, rather than hashing the seed anywhere else; a test checks that no two streams give the
/// same numbers.
/// </summary>
public enum RandomStream
{
    /// <summary>Where the CSI regions lie in the cell. No keys.</summary>
    RegionLayout = 1,

    /// <summary>A region's fixed scatterer clusters. Key: region.</summary>
    RegionScatterers = 2,

    /// <summary>One CSI sample: the user's place in its region and the path gains. Keys: region, sample index.</summary>
    ChannelSample = 3,

    /// <summary>The compression matrix A. Keys: channel dimension, measurements.</summary>
    CompressionMatrix = 4,

    /// <summary>A device-edge link's log-normal shadowing. Keys: the smaller and the larger endpoint index.</summary>
    Shadowing = 5,

    /// <summary>A directed link's propagation delay in the random-delay model. Keys: from, to.</summary>
    LinkDelay = 6,

    /// <summary>Whether a message is lost (i.i.d. and Gilbert-Elliott draws). Key: message id.</summary>
    Loss = 7,

    /// <summary>A Gilbert-Elliott link's state step. Key: message id.</summary>
    BurstState = 8,

    /// <summary>A full-fidelity agent's count of private samples. Key: agent.</summary>
    AgentSamples = 9,

    /// <summary>A full-fidelity agent's initial weights. Key: agent.</summary>
    AgentInit = 10,

    /// <summary>A full-fidelity agent's minibatches and distillation anchors of one round. Keys: agent, round.</summary>
    AgentTraining = 11,

    /// <summary>A lite agent's count of private samples. Key: agent.</summary>
    LiteAgentSamples = 12,

    /// <summary>A lite agent's minibatch picks among its private samples. Keys: agent, step, slot.</summary>
    LiteBatch = 13,

    /// <summary>Which of its region's pooled samples a lite agent holds. Keys: agent, sample.</summary>
    LitePrivateSample = 14,

    /// <summary>Which of its region's test samples a lite agent is scored on. Keys: agent, test sample.</summary>
    LiteTestSample = 15,

    /// <summary>A lite region's task, pools and anchors. Key: region.</summary>
    LiteRegion = 16,

    /// <summary>Dataset distillation: the real samples an elite set starts from. Key: region.</summary>
    DistillSubset = 17,

    /// <summary>Dataset distillation: the real minibatches of each step. Key: region.</summary>
    DistillBatches = 18,

    /// <summary>Dataset distillation: the random encoders of each step. Keys: region, step.</summary>
    DistillEncoders = 19,

    /// <summary>A synthetic workload entity's choices of targets and delays (benchmarks, PHOLD). Key: entity.</summary>
    Workload = 20,
}
