using System.Buffers;

namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// Scratch doubles from the shared pool for a computation that runs once per agent and round, where fresh arrays
/// made most of what a large population's run allocated. The first <see cref="Length"/> values are the
/// computation's, not cleared; disposing hands the array back.
/// </summary>
internal readonly struct PooledDoubles : IDisposable
{
    private readonly double[] _array;

    public PooledDoubles(int length)
    {
        _array = ArrayPool<double>.Shared.Rent(length);
        Length = length;
    }

    public int Length { get; }

    public Span<double> Span => _array.AsSpan(0, Length);

    public void Dispose() => ArrayPool<double>.Shared.Return(_array);
}
