namespace MaLAM4Com.Cli.Tracing;

public static class DictionaryExtensions
{
    /// <summary>The value under <paramref name="key"/>, first adding a new one if there is none.</summary>
    public static TValue GetOrAdd<TKey, TValue>(this IDictionary<TKey, TValue> map, TKey key) where TValue : new()
    {
        if (!map.TryGetValue(key, out var value))
            map[key] = value = new TValue();
        return value;
    }
}
