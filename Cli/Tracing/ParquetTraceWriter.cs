using MaLAM4Com.Engine.Tracing;
using Parquet;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// Streams records into a Parquet trace (columns: <see cref="TraceColumns"/>) in row groups of
/// <see cref="RowGroupRows"/> records, so memory stays bounded by one row group whatever the run's length.
/// It takes the kernel's records in the order the window writer gives them (the same order as the JSON
/// Lines writer's lines) or records read back from another trace. Like <see cref="JsonLinesTraceWriter"/>
/// it writes PATH.partial and renames it to PATH in <see cref="Complete"/>; disposed before, it deletes it.
/// Strings are numbered in a <see cref="TraceText"/> as the records come (an entity once, by its index),
/// and the table goes into the file's metadata on completion.
/// </summary>
public sealed class ParquetTraceWriter : ITraceSink
{
    /// <summary>Rows per row group: large enough for good compression and fast scans; the buffered columns take about 75 MB.</summary>
    public const int RowGroupRows = 1 << 19;

    private readonly string _path;
    private readonly string _partialPath;
    private readonly IReadOnlyList<string> _names;
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly TraceColumns _rows;
    private readonly TraceText _text = new();
    // The number of each kernel entity's name in _text, -1 until it first occurs.
    private readonly int[] _entityIds;
    private bool _completed;
    private bool _closed;

    /// <param name="entityNames">Names of the kernel's entity indices (not needed to write read-back records).</param>
    public ParquetTraceWriter(string path, IReadOnlyList<string>? entityNames = null, int rowGroupRows = RowGroupRows)
    {
        _path = Path.GetFullPath(path);
        _partialPath = _path + ".partial";
        _names = entityNames ?? [];
        _rows = new TraceColumns(rowGroupRows);
        _entityIds = new int[_names.Count];
        Array.Fill(_entityIds, -1);
        _stream = JsonLinesTraceWriter.OpenForWriting(_partialPath);
        try
        {
            _writer = ParquetWriter.CreateAsync(TraceColumns.Schema, new SyncWriteStream(_stream), TraceColumns.WriteOptions()).GetAwaiter().GetResult();
        }
        catch
        {
            _stream.Dispose();
            File.Delete(_partialPath);
            throw;
        }
    }

    // Both Write overloads number a record's strings in its column order (C# evaluates arguments left to
    // right), so the same records get the same numbers, and file, whichever way they come.
    public void Write(in TraceRecord record)
    {
        ref readonly var r = ref record;
        switch (r.Kind)
        {
            case TraceKind.Metric:
                _rows.AddMetric(r.TimeUs, Entity(r.From), r.Round, _text.IdOrNull(r.Name), r.Value);
                break;
            case TraceKind.Fault:
                _rows.AddFault(r.TimeUs, r.From >= 0 ? Entity(r.From) : null, _text.IdOrNull(r.Name), _text.IdOrNull(r.Reason));
                break;
            default:
                _rows.AddMessage(r.TimeUs, r.Kind, r.MessageId, r.ParentId == TraceRecord.NoParent ? null : r.ParentId,
                    Entity(r.From), Entity(r.To), _text.Id(r.Type), r.Bytes, r.Round == TraceRecord.NoRound ? null : r.Round, _text.IdOrNull(r.Reason));
                break;
        }
        FlushIfFull();
    }

    private int Entity(int index)
    {
        int id = _entityIds[index];
        if (id < 0)
            id = _entityIds[index] = _text.Id(_names[index]);
        return id;
    }

    /// <summary>A record read back from a trace (to convert it).</summary>
    public void Write(TraceEntry e)
    {
        switch (e.Kind)
        {
            case TraceKind.Metric:
                _rows.AddMetric(e.TimeUs, _text.IdOrNull(e.Entity), e.Round ?? TraceRecord.NoRound, _text.IdOrNull(e.Name), e.Value);
                break;
            case TraceKind.Fault:
                _rows.AddFault(e.TimeUs, _text.IdOrNull(e.Entity), _text.IdOrNull(e.Name), _text.IdOrNull(e.Detail));
                break;
            default:
                _rows.AddMessage(e.TimeUs, e.Kind, e.Id, e.Parent, _text.IdOrNull(e.From), _text.IdOrNull(e.To), _text.IdOrNull(e.Type),
                    e.Bytes, e.Round, _text.IdOrNull(e.Reason));
                break;
        }
        FlushIfFull();
    }

    private void FlushIfFull()
    {
        if (_rows.Count == _rows.Capacity)
            _rows.WriteRowGroupAsync(_writer).GetAwaiter().GetResult();
    }

    public void Complete()
    {
        if (_rows.Count > 0)
            _rows.WriteRowGroupAsync(_writer).GetAwaiter().GetResult();
        _writer.CustomMetadata = new Dictionary<string, string> { [TraceText.MetadataKey] = _text.ToJson() };
        Close();
        File.Move(_partialPath, _path, overwrite: true);
        _completed = true;
    }

    // Disposing the Parquet writer writes the file's footer.
    private void Close()
    {
        if (_closed)
            return;
        _closed = true;
        try
        {
            _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            _stream.Dispose();
        }
    }

    public void Dispose()
    {
        if (_completed)
            return;
        try
        {
            Close();
        }
        catch (IOException)
        {
            // The file is deleted below: what could not be written does not matter.
        }
        if (File.Exists(_partialPath))
            File.Delete(_partialPath);
    }
}
