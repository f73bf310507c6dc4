using MaLAM4Com.Engine.Config;

namespace MaLAM4Com.Engine.Tracing;

/// <summary>Where the run's traces go (<c>trace.*</c>) and in which format; an empty Chrome path skips that export.</summary>
public sealed record TraceSettings(bool Enabled, string Path, string ChromePath, TraceFormat Format = TraceFormat.Jsonl)
{
    public static TraceSettings Read(ConfigReader c)
    {
        var format = TraceFormats.Parse(c.String("trace.format", [.. TraceFormats.Names]));
        var settings = new TraceSettings(c.Bool("trace.enabled"), c.String("trace.path"), c.String("trace.chrome"), format);
        if (settings.Enabled && settings.Path.Length == 0)
            throw new ConfigException(c.Key("trace.path"), "\"\"", "must name a file when trace.enabled is true");
        // The tools read either format whatever the name, but a name that says the other format misleads.
        if (settings.Enabled && TraceFormats.OfExtension(settings.Path) is { } named && named != format)
            throw new ConfigException(c.Key("trace.path"), $"\"{settings.Path}\"",
                $"names a .{named.Name()} file but {c.Key("trace.format")} is {format.Name()}; give a .{format.Name()} path or set {c.Key("trace.format")} = {named.Name()}");
        return settings;
    }
}
