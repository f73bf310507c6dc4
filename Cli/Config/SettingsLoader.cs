using MaLAM4Com.Engine.Config;

namespace MaLAM4Com.Cli.Config;

/// <summary>
/// The program's configuration: a HOCON file over the built-in defaults (the repository's config.hocon,
/// embedded), <c>--set key=value</c> overrides over both, unknown keys refused, typed settings out.
/// </summary>
public static class SettingsLoader
{
    public const string Root = "malam4com";

    private static readonly Lazy<HoconLoader> Loader = new(() => new HoconLoader(DefaultsText(), Root));

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
    public static ConfigReader TextReader(string? text, string source, IReadOnlyList<string> overrides) => Loader.Value.Read(text, source, overrides);

    /// <summary>The first <c>--set</c> of <paramref name="overrides"/> that sets <paramref name="key"/> or a key under it; null if none does.</summary>
    public static string? OverrideOf(IReadOnlyList<string> overrides, string key) => Loader.Value.OverrideOf(overrides, key);
}
