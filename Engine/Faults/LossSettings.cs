using MaLAM4Com.Engine.Config;
using MaLAM4Com.Engine.Links;

namespace MaLAM4Com.Engine.Faults;

/// <summary>Random message loss (<c>faults.loss.*</c>): none, i.i.d. or Gilbert-Elliott bursts.</summary>
public sealed record LossSettings(string Model, double IidRate, double PGoodToBad, double PBadToGood, double LossGood, double LossBad)
{
    public const string None = "none", Iid = "iid", GilbertElliott = "gilbert-elliott";

    /// <summary>The config key the loss settings live under.</summary>
    public const string Key = "faults.loss";

    public static readonly string[] Models = [None, Iid, GilbertElliott];

    /// <summary>A factory of fresh loss models seeded from the run seed; null when there is no random loss.</summary>
    public Func<ILossModel>? Factory(ulong seed)
    {
        return Model switch
        {
            Iid => () => new IidLoss(seed, IidRate),
            GilbertElliott => () => new GilbertElliottLoss(seed, PGoodToBad, PBadToGood, LossGood, LossBad),
            _ => null,
        };
    }

    public static LossSettings Read(ConfigReader c) => new(
        c.String($"{Key}.model", Models),
        c.Double($"{Key}.iid-rate", 0, 1),
        c.Double($"{Key}.gilbert-elliott.p-good-to-bad", 0, 1),
        c.Double($"{Key}.gilbert-elliott.p-bad-to-good", 0, 1),
        c.Double($"{Key}.gilbert-elliott.loss-good", 0, 1),
        c.Double($"{Key}.gilbert-elliott.loss-bad", 0, 1));
}
