namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// The learning side of a cooperation scenario (<c>scenario.learning.*</c> in config.hocon): the fidelity,
/// the sampling ratio rho, the agents' private and test samples, their linear models' coordinates
/// (<see cref="InputAxes"/> principal axes of a region's measurements, <see cref="OutputAxes"/> of its
/// channels, fitted on the cloud's pool), how they distil (anchors counting <see cref="DistillWeight"/>
/// pseudo-samples each, the coarse prior's pull kept at <see cref="PriorShare"/>; or, with
/// <see cref="ConsensusWeight"/> > 0, toward consensus with their peers), how the cloud weighs its
/// teacher, the cloud's LAM (pretrained on fresh draws every epoch when <see cref="LamFreshSamplesPerRegion"/>
/// > 0, else on its pool) and the dataset distillation of the anchors. <see cref="Lite"/> holds what only
/// the lite back-end uses. <see cref="Agents"/> is the population, agent a in region 1 + a mod <see cref="Regions"/>;
/// <see cref="PooledData"/> is a reference, no method: each agent then fits the private training samples of all its
/// region's agents, as if they had shared their raw data (its test samples stay its own).
/// </summary>
public sealed record LearningSettings(
    Fidelity Fidelity,
    double Rho,
    int Regions,
    int Agents,
    int Anchors,
    int SamplesMin,
    int SamplesMax,
    int TestSamples,
    bool PooledData,
    int InputAxes,
    int OutputAxes,
    double DistillWeight,
    double PriorShare,
    double ConsensusWeight,
    double TeacherShare,
    bool ElasticTeacher,
    double StalenessDiscount,
    int MaxStaleness,
    string LamPreset,
    int LamPoolSamplesPerRegion,
    int LamEpochs,
    int LamBatchSize,
    double LamLearningRate,
    int LamWarmupEpochs,
    int LamFreshSamplesPerRegion,
    int DistillSteps,
    int LamStemRank,
    LiteSettings Lite)
{
    /// <summary>An agent's number of private training samples in [<see cref="SamplesMin"/>, <see cref="SamplesMax"/>], from its seeded <paramref name="draw"/>.</summary>
    public int TrainingSamplesOf(ulong draw) => SamplesMin + (int)(draw % (ulong)(SamplesMax - SamplesMin + 1));

    /// <summary>The CSI region of agent <paramref name="agent"/> (1-based region ids).</summary>
    public int RegionOf(int agent) => 1 + agent % Regions;

    /// <summary>The agents whose private training samples agent <paramref name="agent"/> fits: its own, or with <see cref="PooledData"/> those of every agent of its region.</summary>
    public IEnumerable<int> TrainingAgents(int agent)
    {
        if (!PooledData)
            return [agent];
        // The region's agents are those with the same remainder modulo the regions, the first of them that remainder.
        int first = agent % Regions;
        return Enumerable.Range(0, Agents <= first ? 0 : (Agents - 1 - first) / Regions + 1).Select(k => first + k * Regions);
    }
}
