using System.Runtime.CompilerServices;

namespace MaLAM4Com.Engine.Entities;

/// <summary>Calls <see cref="IPackable{TSelf}"/>'s members for a type known only at run time, through delegates made once per type.</summary>
internal static class StatePacking
{
    private static readonly ConditionalWeakTable<Type, Action<object, StatePacker>?> Packers = new();
    private static readonly ConditionalWeakTable<Type, Func<StateUnpacker, object>> Unpackers = new();

    public static bool IsPackable(Type type) => Packer(type) is not null;

    public static void Pack(object value, StatePacker packer) => Packer(value.GetType())!(value, packer);

    public static object Unpack(Type type, StateUnpacker unpacker) =>
        Unpackers.GetValue(type, t => Packer(t) is null
            ? throw new InvalidDataException($"{t} does not unpack itself: it is not an {typeof(IPackable<>).Name}")
            : Generic(nameof(UnpackAs), t).CreateDelegate<Func<StateUnpacker, object>>())(unpacker);

    private static Action<object, StatePacker>? Packer(Type type) =>
        Packers.GetValue(type, t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IPackable<>) && i.GetGenericArguments()[0] == t)
            ? Generic(nameof(PackAs), t).CreateDelegate<Action<object, StatePacker>>()
            : null);

    private static System.Reflection.MethodInfo Generic(string name, Type type) =>
        typeof(StatePacking).GetMethod(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(type);

    private static void PackAs<T>(object value, StatePacker packer) where T : IPackable<T> => ((T)value).Pack(packer);

    private static object UnpackAs<T>(StateUnpacker unpacker) where T : IPackable<T> => T.Unpack(unpacker);
}
