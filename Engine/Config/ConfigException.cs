namespace MaLAM4Com.Engine.Config;

/// <summary>A configuration mistake: which key, which value, and what is allowed.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string key, string? value, string allowed)
        : base(value is null ? $"config key '{key}': {allowed}" : $"config key '{key}' = {value}: {allowed}")
    {
        Key = key;
    }

    public ConfigException(string message) : base(message)
    {
        Key = "";
    }

    public string Key { get; }
}
