namespace MaLAM4Com.Engine.Entities;

/// <summary>
/// The name a message gets in the trace's <c>type</c> field: its CLR type's short name. Readers of a
/// trace ask for <see cref="Of{T}"/> rather than spell the name out.
/// </summary>
public static class MessageTypes
{
    public static string Of<T>() where T : ISimMessage => typeof(T).Name;

    public static string Of(object payload) => payload.GetType().Name;
}
