using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace MaLAM4Com.Engine.Entities;

/// <summary>
/// Writes saved states (<see cref="IPackable{TSelf}"/>) to one message: each state type's name and each
/// array once (a state that shares an array with another, such as a region's anchors, refers back to it),
/// numbers as raw bytes; a double array whose every value is a float (a sum of a few float differences, say)
/// goes as floats, half the bytes, and comes back bit for bit. <see cref="StateUnpacker"/> reads it back.
/// </summary>
/// <param name="other">Writes an object that does not pack itself (Akka's serialization, for a cluster).</param>
public sealed class StatePacker(BinaryWriter writer, Action<BinaryWriter, object> other)
{
    // Tags before a reference: what follows.
    internal const int Null = -1, NewPacked = -2, Other = -3, New = -4, NewAsFloats = -5;

    private readonly Dictionary<object, int> _arrays = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Type, int> _types = [];

    public void Write(int value) => writer.Write(value);

    public void Write(long value) => writer.Write(value);

    public void Write(double value) => writer.Write(value);

    public void Write(bool value) => writer.Write(value);

    public void Write(float[] values) => WriteArray(values);

    public void Write(double[] values) => WriteArray(values);

    public void Write(ImmutableArray<float> values) => WriteArray(values.IsDefault ? null : ImmutableCollectionsMarshal.AsArray(values));

    /// <summary>Any object: a packable state by its own <see cref="IPackable{TSelf}.Pack"/>, anything else by the serializer given.</summary>
    public void WriteObject(object? value)
    {
        if (value is null)
        {
            writer.Write(Null);
            return;
        }
        var type = value.GetType();
        if (!StatePacking.IsPackable(type))
        {
            writer.Write(Other);
            other(writer, value);
            return;
        }
        if (_types.TryGetValue(type, out int known))
            writer.Write(known);
        else
        {
            writer.Write(NewPacked);
            writer.Write(type.AssemblyQualifiedName!);
            _types.Add(type, _types.Count);
        }
        StatePacking.Pack(value, this);
    }

    private void WriteArray<T>(T[]? values) where T : unmanaged
    {
        if (values is null)
        {
            writer.Write(Null);
            return;
        }
        if (_arrays.TryGetValue(values, out int seen))
        {
            writer.Write(seen);
            return;
        }
        _arrays.Add(values, _arrays.Count);
        if (values is double[] doubles && AllFloats(doubles))
        {
            writer.Write(NewAsFloats);
            writer.Write(doubles.Length);
            foreach (double v in doubles)
                writer.Write((float)v);
            return;
        }
        writer.Write(New);
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static bool AllFloats(double[] values)
    {
        foreach (double v in values)
        {
            if (BitConverter.DoubleToInt64Bits((float)v) != BitConverter.DoubleToInt64Bits(v))
                return false;
        }
        return true;
    }
}
