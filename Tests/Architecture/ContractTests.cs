using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using MaLAM4Com.Actors;
using MaLAM4Com.Actors.Methods;
using MaLAM4Com.Engine.Entities;

namespace MaLAM4Com.Tests.Architecture;

/// <summary>Contracts the code base keeps: methods named in one place, messages that cannot change after they are sent.</summary>
public sealed partial class ContractTests
{
    private static string RepoRoot() => Config.SettingsLoaderTests.RepoRoot();

    // Source files of the libraries and the program, tests and samples left out.
    private static IEnumerable<(string Path, string Text)> Sources() =>
        new[] { "Engine", "Channels", "Models", "Actors", "Cli" }
            .SelectMany(p => Directory.GetFiles(Path.Combine(RepoRoot(), p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(RepoRoot(), f), File.ReadAllText(f)));

    [Fact]
    public void BuiltInMethodsAreNamedOnlyInTheirOwnFilesAndTheRegistry()
    {
        var methodFolder = Path.Combine("Actors", "Methods") + Path.DirectorySeparatorChar;
        var classes = CooperationMethods.BuiltIn.Select(m => m.GetType().Name).ToList();
        // "malam4com" is also the program's name and config root; the method is found by its class name there.
        var literals = CooperationMethods.BuiltIn.Select(m => m.Name).Where(n => n != "malam4com").Select(n => $"\"{n}\"").ToList();
        Assert.Equal(4, classes.Count);
        var offenders = Sources()
            .Where(s => !s.Path.StartsWith(methodFolder, StringComparison.Ordinal))
            .SelectMany(s => classes.Concat(literals).Where(name => s.Text.Contains(name, StringComparison.Ordinal)).Select(name => $"{s.Path}: {name}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"==\s*""[a-z_]+""|""[a-z_]+""\s*==|case\s+""[a-z_]+""\s*:")]
    private static partial Regex StringMatch();

    [Fact]
    public void NoMetricNameIsMatchedByHand()
    {
        var names = typeof(CooperationMetrics).GetFields().Select(f => ((MetricName)f.GetValue(null)!).Name).ToHashSet();
        Assert.Contains("nmse", names);
        var offenders = Sources()
            .SelectMany(s => StringMatch().Matches(s.Text).Select(m => (s.Path, Literal: m.Value.Split('"')[1])))
            .Where(m => names.Contains(m.Literal))
            .Select(m => $"{m.Path}: \"{m.Literal}\"")
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void MessagesCarryNoMutableCollections()
    {
        var messages = new[] { typeof(AgentActor).Assembly, typeof(SimEntityActor).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(ISimMessage).IsAssignableFrom(t) && !t.IsInterface)
            .ToList();
        Assert.Contains(typeof(Actors.Protocol.KnowledgeReport), messages);
        var seen = new HashSet<Type>();
        var offenders = new List<string>();
        void Check(Type type, string path)
        {
            if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string))
                return;
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                var t = p.PropertyType;
                if (t.IsArray || (t.IsGenericType && t.GetGenericTypeDefinition() is var g
                    && (g == typeof(List<>) || g == typeof(IReadOnlyList<>) || g == typeof(IList<>) || g == typeof(Dictionary<,>) || g == typeof(IEnumerable<>))))
                    offenders.Add($"{path}.{p.Name}: {t.Name}");
                else if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
                    Check(t.GetGenericArguments()[0], $"{path}.{p.Name}[]");
                else if (t.Namespace?.StartsWith("MaLAM4Com", StringComparison.Ordinal) == true)
                    Check(t, $"{path}.{p.Name}");
            }
        }
        foreach (var m in messages)
            Check(m, m.Name);
        Assert.Empty(offenders);
    }
}
