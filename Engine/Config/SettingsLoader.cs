using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace MaLAM4Com.Engine.Config;

/// <summary>
/// Reads a HOCON file over the built-in defaults (the repository's config.hocon, embedded), applies
/// <c>--set key=value</c> overrides, rejects keys the defaults do not have, and returns typed settings.
/// </summary>
public static class SettingsLoader
{
    public const string Root = "malam4com";

    public static string DefaultsText()
    {
        using var stream = typeof(SettingsLoader).Assembly.GetManifestResourceStream("config.hocon")
            ?? throw new InvalidOperationException("the default config.hocon is not embedded in the program");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static SimulationSettings Load(string? path, IReadOnlyList<string> overrides) => SimulationSettings.Read(Reader(path, overrides));

    /// <summary>The merged configuration as a checked reader over <c>malam4com.*</c>.</summary>
    public static ConfigReader Reader(string? path, IReadOnlyList<string> overrides)
    {
        if (path is not null && !File.Exists(path))
            throw new ConfigException($"config file '{path}' not found (give another with --config PATH)");
        return TextReader(path is null ? null : File.ReadAllText(path), $"'{path}'", overrides);
    }

    /// <summary>Like <see cref="Reader"/> with the config file's text at hand (a cluster member gets it from the driver); <paramref name="source"/> names it in errors.</summary>
    public static ConfigReader TextReader(string? text, string source, IReadOnlyList<string> overrides)
    {
        var defaults = Parse(DefaultsText(), "the built-in defaults");
        var merged = defaults;
        if (text is not null)
        {
            var user = Parse(text, $"config file {source}");
            RejectUnknown(user.Root, "", defaults, $"in {source}");
            merged = user.WithFallback(defaults);
        }
        foreach (var o in overrides)
        {
            var set = Override(o);
            RejectUnknown(set.Root, "", defaults, $"in --set {o}");
            merged = set.WithFallback(merged);
        }
        return new ConfigReader(merged, Root + ".");
    }

    private static Akka.Configuration.Config Parse(string text, string what)
    {
        try
        {
            var config = ConfigurationFactory.ParseString(text);
            CheckComplete(config.Root, "", what);
            return config;
        }
        catch (Exception e) when (e is not ConfigException)
        {
            throw new ConfigException($"{what} is not valid HOCON: {e.Message}");
        }
    }

    // Akka's parser accepts a key with no value (for example a truncated file); say so here rather than fail later.
    private static void CheckComplete(HoconValue? value, string path, string what)
    {
        if (value is null || value.Values.Count == 0)
            throw new ConfigException($"{what} is not valid HOCON: key '{path}' has no value");
        if (!value.IsObject())
            return;
        foreach (var (name, child) in value.GetObject().Items)
            CheckComplete(child, path.Length == 0 ? name : $"{path}.{name}", what);
    }

    /// <summary>Parses <c>key=value</c>; keys may omit the <c>malam4com.</c> prefix; a value that is not valid HOCON is taken as a string.</summary>
    private static Akka.Configuration.Config Override(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0)
            throw new ConfigException($"--set {text}: expected key=value, e.g. --set kernel.end-time=30s");
        var key = text[..eq].Trim();
        var value = text[(eq + 1)..].Trim();
        if (!key.StartsWith(Root + ".", StringComparison.Ordinal))
            key = $"{Root}.{key}";
        try
        {
            return ConfigurationFactory.ParseString($"{key} = {value}");
        }
        catch (Exception)
        {
            return Parse($"{key} = \"{value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"", $"--set {text}");
        }
    }

    private static void RejectUnknown(HoconValue? value, string path, Akka.Configuration.Config defaults, string where)
    {
        if (value is null || !value.IsObject())
            return;
        foreach (var (name, child) in value.GetObject().Items)
        {
            var key = path.Length == 0 ? name : $"{path}.{name}";
            if (!defaults.HasPath(key))
            {
                var known = KnownSiblings(defaults, path);
                throw new ConfigException(key.StartsWith(Root + ".", StringComparison.Ordinal) ? key[(Root.Length + 1)..] : key, null,
                    $"unknown key {where}; known keys here are {string.Join(", ", known)}");
            }
            // Lists (fault entries) are checked field by field when read.
            if (child.IsObject() && defaults.GetValue(key).IsObject())
                RejectUnknown(child, key, defaults, where);
        }
    }

    private static IEnumerable<string> KnownSiblings(Akka.Configuration.Config defaults, string path) =>
        path.Length == 0 ? [Root] : defaults.GetValue(path).GetObject().Items.Keys;
}
