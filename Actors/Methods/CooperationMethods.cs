namespace MaLAM4Com.Actors.Methods;

/// <summary>
/// Finds a run's cooperation method: a built-in by its short name, or any other by its type name, as Akka
/// finds serializers and mailboxes (<c>"MyLab.MyMethod, MyLab"</c>, or <c>"MyLab.MyMethod"</c> for a type in
/// an assembly already loaded: a public class implementing <see cref="ICooperationMethod"/> with a public
/// parameterless constructor; the program loads the assemblies listed in <c>plugins</c>).
/// </summary>
public static class CooperationMethods
{
    /// <summary>MaLAM4Com: embeddings chosen by drift-plus-penalty, with the LAM as teacher.</summary>
    public static ICooperationMethod MaLAM4Com { get; } = new MaLAM4ComMethod();

    /// <summary>No cooperation: the baseline every cooperative method must beat.</summary>
    public static ICooperationMethod Local { get; } = new LocalMethod();

    /// <summary>Averaging the small models' weights.</summary>
    public static ICooperationMethod FedAvg { get; } = new FedAvgMethod();

    /// <summary>Federated distillation on full outputs: what embeddings save bytes against.</summary>
    public static ICooperationMethod FdFull { get; } = new FdFullMethod();

    /// <summary>The methods that come with the engine, in the order reports list them.</summary>
    public static IReadOnlyList<ICooperationMethod> BuiltIn { get; } = [MaLAM4Com, Local, FedAvg, FdFull];

    /// <summary>The built-ins' short names.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = BuiltIn.Select(m => m.Name).ToArray();

    /// <summary>The method <paramref name="name"/> names; an <see cref="ArgumentException"/> says what is allowed when none fits.</summary>
    public static ICooperationMethod Resolve(string name)
    {
        var builtIn = BuiltIn.FirstOrDefault(m => m.Name == name);
        if (builtIn is not null)
            return builtIn;
        string allowed = $"allowed: {string.Join(", ", BuiltInNames)}, or a type name \"Namespace.Type, Assembly\" of a class implementing {nameof(ICooperationMethod)}";
        if (!name.Contains('.'))
            throw new ArgumentException($"not a built-in method; {allowed}");
        Type? type;
        try
        {
            type = Type.GetType(name, throwOnError: false);
        }
        catch (Exception e) when (e is ArgumentException or IOException or BadImageFormatException)
        {
            throw new ArgumentException($"cannot load the type: {e.Message}; {allowed}");
        }
        type ??= name.Contains(',') ? null : AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name)).FirstOrDefault(t => t is not null);
        if (type is null)
            throw new ArgumentException($"no such type can be loaded (is its assembly listed in plugins?); {allowed}");
        if (!typeof(ICooperationMethod).IsAssignableFrom(type) || type.IsAbstract)
            throw new ArgumentException($"{type.FullName} is not a concrete class implementing {nameof(ICooperationMethod)}");
        if (type.GetConstructor(Type.EmptyTypes) is null)
            throw new ArgumentException($"{type.FullName} has no public parameterless constructor");
        var method = (ICooperationMethod)Activator.CreateInstance(type)!;
        if (string.IsNullOrWhiteSpace(method.Name) || BuiltInNames.Contains(method.Name))
            throw new ArgumentException($"{type.FullName} is named '{method.Name}': a method needs a name of its own, not empty and not a built-in's");
        return method;
    }
}
