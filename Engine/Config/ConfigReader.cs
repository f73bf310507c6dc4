using System.Globalization;
using Akka.Configuration.Hocon;

namespace MaLAM4Com.Engine.Config;

/// <summary>
/// Typed, checked access to a HOCON tree. Every read names the full key in its error, with the
/// value found and what is allowed. Works on a whole <see cref="Akka.Configuration.Config"/> or on one
/// object of a list (then keys are shown as <c>faults.crashes[0].node</c>).
/// </summary>
public sealed class ConfigReader
{
    private readonly Func<string, HoconValue?> _lookup;
    private readonly string _prefix;
    private readonly IReadOnlyList<string> _fields = [];

    /// <summary>Reads keys under <paramref name="root"/> (e.g. <c>malam4com.</c>); errors name keys without it, as users write them with --set.</summary>
    public ConfigReader(Akka.Configuration.Config config, string root)
    {
        _prefix = "";
        _lookup = key => config.HasPath(root + key) ? config.GetValue(root + key) : null;
    }

    private ConfigReader(HoconObject obj, string prefix)
    {
        _prefix = prefix;
        _lookup = key => obj.Items.TryGetValue(key, out var v) ? v : null;
        _fields = obj.Items.Keys.ToList();
    }

    public string Key(string key) => _prefix + key;

    private HoconValue Value(string key) =>
        _lookup(key) ?? throw new ConfigException(Key(key), null, "missing (required)");

    public bool Has(string key) => _lookup(key) is not null;

    private string Leaf(string key, string expected)
    {
        var v = Value(key);
        if (v.IsObject() || v.IsArray())
            throw new ConfigException(Key(key), "{...}", $"expected {expected}, found {(v.IsArray() ? "a list" : "an object")}");
        // Akka's HOCON gives null for an empty value (key = "" from --set).
        return v.GetString() ?? "";
    }

    public string String(string key, params string[] allowed)
    {
        var s = Leaf(key, "a string");
        if (allowed.Length > 0 && !allowed.Contains(s, StringComparer.Ordinal))
            throw new ConfigException(Key(key), Quote(s), $"allowed values are {string.Join(", ", allowed.Select(Quote))}");
        return s;
    }

    public bool Bool(string key)
    {
        var s = Leaf(key, "true or false");
        return s switch
        {
            "true" or "on" or "yes" => true,
            "false" or "off" or "no" => false,
            _ => throw new ConfigException(Key(key), Quote(s), "expected true or false"),
        };
    }

    public long Long(string key, long min, long max)
    {
        var s = Leaf(key, "a whole number");
        if (!long.TryParse(s.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v))
            throw new ConfigException(Key(key), Quote(s), $"expected a whole number in [{min}, {max}]");
        if (v < min || v > max)
            throw new ConfigException(Key(key), s, $"out of range: allowed [{min}, {max}]");
        return v;
    }

    public int Int(string key, int min, int max) => (int)Long(key, min, max);

    public double Double(string key, double min, double max)
    {
        var s = Leaf(key, "a number");
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || double.IsNaN(v))
            throw new ConfigException(Key(key), Quote(s), $"expected a number in [{min}, {max}]");
        if (v < min || v > max)
            throw new ConfigException(Key(key), s, $"out of range: allowed [{min}, {max}]");
        return v;
    }

    /// <summary>A duration such as <c>250ms</c> or <c>10s</c>, in µs; negative times are refused.</summary>
    public long Duration(string key, long minUs = 0)
    {
        var s = Leaf(key, "a duration");
        if (!Durations.TryParseMicroseconds(s, out long us))
            throw new ConfigException(Key(key), Quote(s), "expected a duration: a number with unit us, ms, s or min (e.g. 250ms)");
        if (us < minUs)
            throw new ConfigException(Key(key), s, $"out of range: must be at least {Durations.Format(minUs)}");
        return us;
    }

    // Akka's HOCON does not report an empty list as an array; it holds an empty HoconArray element.
    private static bool IsList(HoconValue v) => v.IsArray() || v.Values.Any(e => e is HoconArray);

    private static IList<HoconValue> Items(HoconValue v) => v.IsArray() ? v.GetArray() : [];

    public IReadOnlyList<string> Strings(string key)
    {
        var v = Value(key);
        if (!IsList(v))
            throw new ConfigException(Key(key), v.ToString(), "expected a list of strings, e.g. [\"a\", \"b\"]");
        return Items(v).Select((item, i) => item.IsObject() || item.IsArray()
            ? throw new ConfigException($"{Key(key)}[{i}]", item.ToString(), "expected a string")
            : item.GetString()).ToList();
    }

    /// <summary>A list of objects, each read by its own reader whose keys are named <c>key[i].field</c>.</summary>
    public IReadOnlyList<ConfigReader> Objects(string key)
    {
        var v = Value(key);
        if (!IsList(v))
            throw new ConfigException(Key(key), v.ToString(), "expected a list of objects, e.g. [ { ... } ]");
        var list = new List<ConfigReader>();
        var items = Items(v);
        for (int i = 0; i < items.Count; i++)
        {
            if (!items[i].IsObject())
                throw new ConfigException($"{Key(key)}[{i}]", items[i].ToString(), "expected an object { ... }");
            list.Add(new ConfigReader(items[i].GetObject(), $"{Key(key)}[{i}]."));
        }
        return list;
    }

    /// <summary>Rejects fields of a list object other than <paramref name="known"/>.</summary>
    public void OnlyFields(params string[] known)
    {
        foreach (var field in _fields)
        {
            if (!known.Contains(field, StringComparer.Ordinal))
                throw new ConfigException(Key(field), null, $"unknown field; allowed fields are {string.Join(", ", known)}");
        }
    }

    private static string Quote(string s) => $"\"{s}\"";
}
