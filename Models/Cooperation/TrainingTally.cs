namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// The samples the agents of one back-end have fitted, counted over every round and agent, for the run's
/// learning throughput. Thread-safe: agents train on many threads at once.
/// </summary>
public sealed class TrainingTally
{
    private long _samples;

    /// <summary>Training samples fitted so far (an agent's samples count once per round it trains).</summary>
    public long Samples => Interlocked.Read(ref _samples);

    public void Add(int samples) => Interlocked.Add(ref _samples, samples);
}
