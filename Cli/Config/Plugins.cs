using System.Reflection;
using System.Runtime.Loader;
using MaLAM4Com.Engine.Config;

namespace MaLAM4Com.Cli.Config;

/// <summary>
/// Loads the assemblies listed in <c>plugins</c> (paths, relative to the working directory) before a run
/// resolves the types its config names, such as a cooperation method of a user's own. Each path is loaded
/// once per process; a type name with the assembly's simple name then finds it.
/// </summary>
public static class Plugins
{
    private static readonly Dictionary<string, Assembly> Loaded = new(StringComparer.OrdinalIgnoreCase);

    static Plugins()
    {
        AssemblyLoadContext.Default.Resolving += (_, name) =>
        {
            lock (Loaded)
                return name.Name is { } simple && Loaded.TryGetValue(simple, out var assembly) ? assembly : null;
        };
    }

    public static void Load(ConfigReader c)
    {
        var paths = c.Strings("plugins");
        for (int i = 0; i < paths.Count; i++)
        {
            string key = c.Key($"plugins[{i}]");
            string path = Path.GetFullPath(paths[i]);
            if (!File.Exists(path))
                throw new ConfigException(key, $"\"{paths[i]}\"", "no such file: give the path of a .NET assembly (.dll), e.g. samples/TopKFedAvg/bin/Release/net10.0/TopKFedAvg.dll");
            lock (Loaded)
            {
                if (Loaded.Values.Any(a => a.Location == path))
                    continue;
                try
                {
                    var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
                    Loaded[assembly.GetName().Name!] = assembly;
                }
                catch (Exception e) when (e is BadImageFormatException or FileLoadException)
                {
                    throw new ConfigException(key, $"\"{paths[i]}\"", $"not a loadable .NET assembly: {e.Message}");
                }
            }
        }
    }
}
