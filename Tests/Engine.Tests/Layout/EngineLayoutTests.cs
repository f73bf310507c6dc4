using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MaLAM4Com.Engine.Tests.Layout;

/// <summary>The engine stays a library of its own: Akka only, and its folders depend on each other without cycles.</summary>
public sealed partial class EngineLayoutTests
{
    private static readonly string[] Forbidden = ["TorchSharp", "MathNet", "Models", "Channels", "Actors", "Cli"];

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MaLAM4Com.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MaLAM4Com.sln not found above the test's folder");
    }

    [Fact]
    public void TheEngineProjectReferencesAkkaAlone()
    {
        var project = XDocument.Load(Path.Combine(RepoRoot(), "Engine", "Engine.csproj"));
        var references = project.Descendants().Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference")
            .Select(e => (string)e.Attribute("Include")!).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.StartsWith("Akka", r));
        var loaded = typeof(Entities.SimEntityActor).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(loaded, name => Forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"MaLAM4Com\.Engine\.(\w+)")]
    private static partial Regex EngineNamespace();

    // A folder named before one of its types without the namespace prefix (Config.Durations).
    [GeneratedRegex(@"(?<![\w.])(\w+)\.([A-Z]\w*)")]
    private static partial Regex RelativeReference();

    [GeneratedRegex(@"^(?:public|internal)\s+(?:\w+\s+)*(?:class|record|struct|interface|enum)\s+(?:struct\s+|class\s+)?(\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [Fact]
    public void EngineFoldersDependOnEachOtherWithoutCycles()
    {
        string engine = Path.Combine(RepoRoot(), "Engine");
        var folders = Directory.GetDirectories(engine).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).ToHashSet()!;
        var uses = folders.ToDictionary(f => f!, _ => new HashSet<string>());
        var sources = folders.ToDictionary(f => f!, f => Directory.GetFiles(Path.Combine(engine, f!), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText).ToList());
        var types = sources.ToDictionary(p => p.Key, p => p.Value.SelectMany(text => TypeDeclaration().Matches(text).Select(m => m.Groups[1].Value)).ToHashSet());
        foreach (var (folder, texts) in sources)
        {
            foreach (var text in texts)
            {
                foreach (Match m in EngineNamespace().Matches(text))
                {
                    if (m.Groups[1].Value != folder && folders.Contains(m.Groups[1].Value))
                        uses[folder].Add(m.Groups[1].Value);
                }
                foreach (Match m in RelativeReference().Matches(text))
                {
                    string other = m.Groups[1].Value;
                    if (other != folder && types.TryGetValue(other, out var declared) && declared.Contains(m.Groups[2].Value))
                        uses[folder].Add(other);
                }
            }
        }
        Assert.True(uses.Count >= 8, $"only {uses.Count} folders found");
        // Depth-first search: a folder met again while it is still on the path closes a cycle.
        var state = new Dictionary<string, int>();
        var path = new Stack<string>();
        void Visit(string f)
        {
            state[f] = 1;
            path.Push(f);
            foreach (var next in uses[f].Order())
            {
                if (state.GetValueOrDefault(next) == 1)
                    Assert.Fail($"Engine folders form a cycle: {string.Join(" -> ", path.Reverse().SkipWhile(p => p != next))} -> {next}");
                if (state.GetValueOrDefault(next) == 0)
                    Visit(next);
            }
            path.Pop();
            state[f] = 2;
        }
        foreach (var f in uses.Keys.Order())
        {
            if (state.GetValueOrDefault(f) == 0)
                Visit(f);
        }
    }
}
