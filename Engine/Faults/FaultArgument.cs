using MaLAM4Com.Engine.Config;

namespace MaLAM4Com.Engine.Faults;

/// <summary>
/// Faults given on the command line with <c>--fault</c>, in a compact form:
/// <c>link-down:edge-0&lt;-&gt;cloud@10s-20s</c>, <c>link-down:node=edge-0@10s-20s</c>,
/// <c>link-down:layer=edge@10s-20s</c>, <c>crash:agent-3@5s</c>, <c>crash:agent-3@5s-8s</c>,
/// <c>crash:agent-3@5s-8s:restore</c>, <c>partition:edge-0,agent-0|cloud@1s-2s</c>,
/// <c>loss:iid:0.05</c>, <c>loss:gilbert-elliott:P_GB,P_BG,LOSS_GOOD,LOSS_BAD</c>.
/// </summary>
public static class FaultArgument
{
    /// <summary>The option that gives faults on the command line; it starts the source of each fault it gives.</summary>
    public const string Option = "--fault";

    public const string Syntax = "link-down:A<->B@FROM-TO | link-down:node=N@FROM-TO | link-down:layer=L@FROM-TO | crash:N@AT[-RESTART][:restore] | partition:A,B|C@FROM-TO | loss:iid:RATE | loss:gilbert-elliott:PGB,PBG,LG,LB";

    /// <summary>
    /// The configured faults with the <c>--fault</c> arguments added. A <c>loss:</c> argument replaces the config
    /// file's random loss; a second one, or one beside a <c>--set</c> of <c>faults.loss.*</c> (<paramref name="lossSetBy"/>),
    /// would silently override the other, so the pair is refused.
    /// </summary>
    public static FaultSettings AddTo(FaultSettings configured, IReadOnlyList<string> arguments, string? lossSetBy)
    {
        var all = configured;
        string? lossArgument = null;
        foreach (var text in arguments)
        {
            var fault = Parse(text, configured.Loss);
            if (fault.Loss.Model != LossSettings.None)
            {
                if (lossArgument is not null || lossSetBy is not null)
                    throw new ConfigException($"--fault {text} and {(lossArgument is not null ? $"--fault {lossArgument}" : $"--set {lossSetBy}")} both set the random loss; give only one of them");
                lossArgument = text;
            }
            all = all.With(fault);
        }
        return all;
    }

    public static FaultSettings Parse(string text, LossSettings baseLoss)
    {
        string source = $"{Option} {text}";
        int colon = text.IndexOf(':');
        if (colon < 0)
            throw Error(text, "missing the kind before ':'");
        string kind = text[..colon];
        string rest = text[(colon + 1)..];
        switch (kind)
        {
            case "link-down":
            {
                var (target, from, to) = Window(text, rest);
                string scope = "link";
                if (target.StartsWith("node=", StringComparison.Ordinal) || target.StartsWith("layer=", StringComparison.Ordinal))
                {
                    scope = target[..target.IndexOf('=')];
                    target = target[(scope.Length + 1)..];
                }
                return new FaultSettings(baseLoss with { Model = LossSettings.None }, [new LinkDownSpec(scope, target, from, to!.Value, source)], [], []);
            }
            case "crash":
            {
                bool restore = rest.EndsWith(":restore", StringComparison.Ordinal);
                if (restore)
                    rest = rest[..^":restore".Length];
                var (node, at, restart) = Window(text, rest, endOptional: true);
                if (restore && restart is null)
                    throw Error(text, "':restore' needs a restart time (crash:N@AT-RESTART:restore)");
                return new FaultSettings(baseLoss with { Model = LossSettings.None }, [], [new CrashSpec(node, at, restart, restore, source)], []);
            }
            case "partition":
            {
                var (groups, from, to) = Window(text, rest);
                var list = groups.Split('|').Select(g => (IReadOnlyList<string>)g.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
                return new FaultSettings(baseLoss with { Model = LossSettings.None }, [], [], [new PartitionSpec(list, from, to!.Value, source)]);
            }
            case "loss":
            {
                var parts = rest.Split(':');
                var numbers = parts.Length == 2 ? parts[1].Split(',').Select(p => Probability(text, p)).ToArray() : [];
                return parts[0] switch
                {
                    LossSettings.Iid when numbers.Length == 1 => new FaultSettings(baseLoss with { Model = LossSettings.Iid, IidRate = numbers[0] }, [], [], []),
                    LossSettings.GilbertElliott when numbers.Length == 4 => new FaultSettings(
                        baseLoss with { Model = LossSettings.GilbertElliott, PGoodToBad = numbers[0], PBadToGood = numbers[1], LossGood = numbers[2], LossBad = numbers[3] }, [], [], []),
                    _ => throw Error(text, "expected loss:iid:RATE or loss:gilbert-elliott:PGB,PBG,LOSS_GOOD,LOSS_BAD"),
                };
            }
            default:
                throw Error(text, $"unknown kind '{kind}'");
        }
    }

    private static (string Target, long From, long? To) Window(string text, string rest, bool endOptional = false)
    {
        int at = rest.LastIndexOf('@');
        if (at < 0)
            throw Error(text, "missing '@' and the time window");
        string target = rest[..at];
        string times = rest[(at + 1)..];
        var bounds = times.Split('-');
        if (target.Length == 0)
            throw Error(text, "missing the target before '@'");
        if (bounds.Length > 2 || (bounds.Length == 1 && !endOptional))
            throw Error(text, endOptional ? "expected @AT or @AT-RESTART" : "expected @FROM-TO, e.g. @10s-20s");
        long from = Time(text, bounds[0]);
        long? to = bounds.Length == 2 ? Time(text, bounds[1]) : null;
        if (to is { } t && t <= from)
            throw Error(text, $"the end ({bounds[1]}) must be after the start ({bounds[0]})");
        return (target, from, to);
    }

    private static long Time(string text, string value) =>
        Durations.TryParseMicroseconds(value, out long us) && us >= 0 ? us : throw Error(text, $"'{value}' is not a non-negative duration (e.g. 250ms, 10s)");

    private static double Probability(string text, string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double p) && p >= 0 && p <= 1
            ? p
            : throw Error(text, $"'{value}' is not a probability in [0, 1]");

    private static ConfigException Error(string text, string why) => new($"--fault {text}: {why}; the forms are {Syntax}");
}
