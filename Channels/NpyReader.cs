using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace MaLAM4Com.Channels;

/// <summary>A float32 array read from a .npy file: its shape and its values in C order.</summary>
public sealed record NpyArray(int[] Shape, float[] Data);

/// <summary>Reads the .npy files <see cref="NpyWriter"/> writes (little-endian float32, C order, format 1.0 to 3.0).</summary>
public static partial class NpyReader
{
    public static NpyArray ReadFloat32(string path)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException(".npy input needs a little-endian machine");
        using var stream = File.OpenRead(path);
        Span<byte> preamble = stackalloc byte[8];
        stream.ReadExactly(preamble);
        if (!preamble[..6].SequenceEqual(NpyWriter.Magic))
            throw new InvalidDataException($"{path} is not a .npy file");
        int major = preamble[6];
        Span<byte> lengthBytes = stackalloc byte[major == 1 ? 2 : 4];
        stream.ReadExactly(lengthBytes);
        int headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : (int)BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        string header = Encoding.ASCII.GetString(headerBytes);
        if (!header.Contains("'descr': '<f4'") || !header.Contains("'fortran_order': False"))
            throw new InvalidDataException($"{path}: only little-endian float32 arrays in C order are supported (header {header.Trim()})");
        var match = ShapePattern().Match(header);
        if (!match.Success)
            throw new InvalidDataException($"{path}: no shape in header {header.Trim()}");
        int[] shape = match.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        long count = shape.Aggregate(1L, (a, d) => a * d);
        var data = new float[count];
        stream.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
        return new NpyArray(shape, data);
    }

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
