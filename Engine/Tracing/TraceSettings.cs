using MaLAM4Com.Engine.Config;

namespace MaLAM4Com.Engine.Tracing;

/// <summary>Where the run's traces go (<c>trace.*</c>); an empty Chrome path skips that export.</summary>
public sealed record TraceSettings(bool Enabled, string Path, string ChromePath)
{
    public static TraceSettings Read(ConfigReader c)
    {
        var settings = new TraceSettings(c.Bool("trace.enabled"), c.String("trace.path"), c.String("trace.chrome"));
        if (settings.Enabled && settings.Path.Length == 0)
            throw new ConfigException(c.Key("trace.path"), "\"\"", "must name a file when trace.enabled is true");
        return settings;
    }
}
