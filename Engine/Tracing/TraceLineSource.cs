namespace MaLAM4Com.Engine.Tracing;

/// <summary>
/// The lines of a JSON Lines file in file order, as UTF-8 bytes without their newline, holding one block
/// (64 KiB, more only for a longer line, up to <see cref="TraceReader.MaxLineBytes"/>) in memory: no string
/// per line. <see cref="Current"/> is valid until the next <see cref="MoveNext"/>. A last line without its
/// newline is what a writer stopped mid-line leaves: read as a line, or left out with <c>dropUnterminated</c>.
/// </summary>
internal sealed class TraceLineSource : IDisposable
{
    private readonly FileStream _stream;
    private readonly bool _dropUnterminated;
    private readonly Action<long, long>? _onBlock;
    private byte[] _buffer = new byte[TraceReader.BlockBytes];
    private int _start, _end, _lineStart, _lineLength;

    /// <param name="onBlock">Receives the bytes read so far and the file's length after each block.</param>
    public TraceLineSource(string path, bool dropUnterminated, Action<long, long>? onBlock = null)
    {
        Path = path;
        _dropUnterminated = dropUnterminated;
        _onBlock = onBlock;
        _stream = TraceReader.Open(path);
    }

    public string Path { get; }

    /// <summary>The 1-based number of the <see cref="Current"/> line.</summary>
    public long Line { get; private set; }

    public ReadOnlySpan<byte> Current => _buffer.AsSpan(_lineStart, _lineLength);

    public bool MoveNext()
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                newline += _start;
            }
            else
            {
                if (_start > 0)
                {
                    _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                    _end -= _start;
                    _start = 0;
                }
                if (_end == _buffer.Length)
                    TraceReader.Grow(ref _buffer, Path, Line + 1);
                int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
                if (n > 0)
                {
                    _end += n;
                    _onBlock?.Invoke(_stream.Position, _stream.Length);
                    continue;
                }
                if (_start == _end || _dropUnterminated)
                    return false;
                newline = _end;
            }
            Line++;
            _lineStart = _start;
            _lineLength = newline - _start;
            _start = Math.Min(newline + 1, _end);
            return true;
        }
    }

    public void Dispose() => _stream.Dispose();
}
