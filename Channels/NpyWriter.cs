using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace MaLAM4Com.Channels;

/// <summary>
/// Streams a little-endian float32 array to a NumPy .npy file (format version 1.0), so
/// <c>numpy.load</c> reads it as is. The shape is fixed up front; rows are appended with
/// <see cref="Write"/> and <see cref="Complete"/> checks that exactly the promised count arrived.
/// </summary>
public sealed class NpyWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly long _expected;
    private long _written;
    private bool _disposed;

    /// <summary>The six bytes every .npy file starts with: 0x93 then "NUMPY".</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public NpyWriter(string path, IReadOnlyList<int> shape)
    {
        if (shape.Count == 0 || shape.Any(d => d < 0))
            throw new ArgumentException("the shape needs at least one dimension, none negative", nameof(shape));
        // Values go out as their in-memory bytes, which are the file's little-endian bytes on every .NET platform in use.
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException(".npy output needs a little-endian machine");
        _expected = shape.Aggregate(1L, (a, d) => a * d);
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var header = Header(shape);
        _stream.Write(header);
    }

    /// <summary>The header for a C-order float32 array: magic, version 1.0, length, dict padded to a multiple of 64 bytes.</summary>
    public static byte[] Header(IReadOnlyList<int> shape)
    {
        string dims = shape.Count == 1
            ? $"{shape[0].ToString(CultureInfo.InvariantCulture)},"
            : string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        string dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        const int preamble = 10;
        int total = (preamble + dict.Length + 1 + 63) / 64 * 64;
        dict = dict.PadRight(total - preamble - 1) + "\n";
        var header = new byte[total];
        Magic.CopyTo(header);
        header[6] = 1;
        header[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)dict.Length);
        Encoding.ASCII.GetBytes(dict, header.AsSpan(preamble));
        return header;
    }

    public void Write(ReadOnlySpan<float> values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_written + values.Length > _expected)
            throw new InvalidOperationException($"the array holds {_expected} values; writing {values.Length} more after {_written} overflows it");
        _stream.Write(MemoryMarshal.AsBytes(values));
        _written += values.Length;
    }

    /// <summary>Closes the file after checking that every promised value was written.</summary>
    public void Complete()
    {
        if (_written != _expected)
            throw new InvalidOperationException($"the .npy array holds {_expected} values but only {_written} were written");
        Dispose();
    }

    /// <summary>Closes the file; without <see cref="Complete"/> first (say, after a failure) it may be left short.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _stream.Dispose();
    }
}
