using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace MaLAM4Com.Engine.Entities;

/// <summary>Reads what a <see cref="StatePacker"/> wrote, in the same order.</summary>
/// <param name="other">Reads an object written by the packer's serializer for other objects.</param>
public sealed class StateUnpacker(BinaryReader reader, Func<BinaryReader, object> other)
{
    private readonly List<Array> _arrays = [];
    private readonly List<Type> _types = [];

    public int ReadInt32() => reader.ReadInt32();

    public long ReadInt64() => reader.ReadInt64();

    public double ReadDouble() => reader.ReadDouble();

    public bool ReadBoolean() => reader.ReadBoolean();

    public float[] ReadFloats() => ReadArray<float>() ?? throw new InvalidDataException("a float array was written as null");

    public double[] ReadDoubles() => ReadArray<double>() ?? throw new InvalidDataException("a double array was written as null");

    public ImmutableArray<float> ReadImmutableFloats() => ReadArray<float>() is { } values ? ImmutableCollectionsMarshal.AsImmutableArray(values) : default;

    public object? ReadObject()
    {
        int tag = reader.ReadInt32();
        switch (tag)
        {
            case StatePacker.Null:
                return null;
            case StatePacker.Other:
                return other(reader);
            case StatePacker.NewPacked:
                string name = reader.ReadString();
                _types.Add(Type.GetType(name) ?? throw new InvalidDataException($"no type '{name}' here to unpack a saved state as"));
                return StatePacking.Unpack(_types[^1], this);
            default:
                if (tag < 0 || tag >= _types.Count)
                    throw new InvalidDataException($"a saved state names type {tag}; {_types.Count} were written before it");
                return StatePacking.Unpack(_types[tag], this);
        }
    }

    private T[]? ReadArray<T>() where T : unmanaged
    {
        int tag = reader.ReadInt32();
        if (tag == StatePacker.Null)
            return null;
        if (tag == StatePacker.NewAsFloats)
            return ReadWidened() as T[] ?? throw new InvalidDataException($"a double array was written where {typeof(T)} values were expected");
        if (tag != StatePacker.New)
        {
            if (tag < 0 || tag >= _arrays.Count)
                throw new InvalidDataException($"a saved state refers to array {tag}; {_arrays.Count} were written before it");
            return _arrays[tag] as T[] ?? throw new InvalidDataException($"array {tag} holds {_arrays[tag].GetType().GetElementType()}, not {typeof(T)}");
        }
        var values = new T[reader.ReadInt32()];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        _arrays.Add(values);
        return values;
    }

    private double[] ReadWidened()
    {
        var values = new double[reader.ReadInt32()];
        for (int i = 0; i < values.Length; i++)
            values[i] = reader.ReadSingle();
        _arrays.Add(values);
        return values;
    }
}
