using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace MaLAM4Com.Engine.Config;

/// <summary>
/// Layers HOCON: a program's documented defaults, a user's file over them and <c>--set key=value</c>
/// overrides over both. Keys the defaults do not have are refused, naming the keys that exist there,
/// so every key a user can set is one the defaults document. All keys live under one root object
/// (<see cref="Root"/>), which overrides may omit.
/// </summary>
public sealed class HoconLoader(string defaultsText, string root)
{
    public string Root { get; } = root;

    /// <summary>The merged configuration as a checked reader over <c>ROOT.*</c>; <paramref name="source"/> names the user's text in errors.</summary>
    public ConfigReader Read(string? text, string source, IReadOnlyList<string> overrides)
    {
        var defaults = Parse(defaultsText, "the built-in defaults");
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

    /// <summary>The first of <paramref name="overrides"/> that sets <paramref name="key"/> or a key under it (written without the root); null if none does.</summary>
    public string? OverrideOf(IReadOnlyList<string> overrides, string key) =>
        overrides.FirstOrDefault(o => Override(o).HasPath($"{Root}.{key}"));

    private static Akka.Configuration.Config Parse(string text, string what)
    {
        HoconStructure.Check(text, what);
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
    private Akka.Configuration.Config Override(string text)
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

    private void RejectUnknown(HoconValue? value, string path, Akka.Configuration.Config defaults, string where)
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
                    $"unknown key {where}; known keys here are {known}");
            }
            // Lists (fault entries) are checked field by field when read.
            if (child.IsObject() && defaults.GetValue(key).IsObject())
                RejectUnknown(child, key, defaults, where);
        }
    }

    // The keys the defaults have beside an unknown one, for its error message.
    private string KnownSiblings(Akka.Configuration.Config defaults, string path) =>
        path.Length == 0 ? Root : string.Join(", ", defaults.GetValue(path).GetObject().Items.Keys);
}
