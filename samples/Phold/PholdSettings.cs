namespace MaLAM4Com.Samples.Phold;

/// <summary>
/// A PHOLD run: <paramref name="Entities"/> entities with <paramref name="Population"/> events in flight
/// each; every event's successor goes to a random entity with probability <paramref name="Remote"/> (else
/// to its own entity), <paramref name="LookaheadUs"/> plus an exponential delay of mean
/// <paramref name="MeanDelayUs"/> later; the run stops at <paramref name="EndUs"/> of simulated time.
/// </summary>
public sealed record PholdSettings(int Entities, double Remote, int Population, long LookaheadUs, double MeanDelayUs, long EndUs, ulong Seed)
{
    public static readonly PholdSettings Default = new(Entities: 1_000, Remote: 0.5, Population: 16, LookaheadUs: 1_000, MeanDelayUs: 1_000, EndUs: 100_000, Seed: 42);

    public void Validate()
    {
        Require(Entities >= 1, "entities", Entities, ">= 1");
        Require(Remote is >= 0 and <= 1, "remote", Remote, "within [0, 1]");
        Require(Population >= 1, "population", Population, ">= 1");
        Require(LookaheadUs >= 1, "lookahead", LookaheadUs, ">= 1 us");
        Require(MeanDelayUs >= 0 && double.IsFinite(MeanDelayUs), "mean-delay", MeanDelayUs, ">= 0 us");
        Require(EndUs >= 1, "end", EndUs, ">= 1 us");
    }

    private static void Require(bool ok, string name, object value, string allowed)
    {
        if (!ok)
            throw new ArgumentException($"--{name} = {value}: must be {allowed}");
    }
}
