using MaLAM4Com.Engine.Tracing;
using Parquet;
using Parquet.Schema;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// The one definition of a Parquet trace's columns, and a block of rows in them (a row group), filled
/// record by record for writing or read whole from a file. Columns, in this order: <c>time_us</c> (int64,
/// simulated µs), <c>kind_id</c>, then, null where a record has none: <c>id</c>, <c>parent</c> (int64),
/// <c>sender_id</c>, <c>receiver_id</c>, <c>type_id</c>, <c>bytes</c> (int64), <c>round</c> (int32),
/// <c>reason_id</c> for messages; <c>entity_id</c>, <c>round</c>, <c>name_id</c>, <c>value</c> (double) for
/// metrics; <c>entity_id</c>, <c>name_id</c>, <c>detail_id</c> for faults. A column named X_id is text: it
/// holds the int32 number of the string X in the file's <see cref="TraceText"/>. They hold what a JSON Lines
/// record holds, key for key (<c>t</c>, <c>ev</c>, <c>from</c> and <c>to</c> renamed time_us, kind, sender
/// and receiver: the last two are SQL keywords), so a trace converts to Parquet and back to the same bytes.
/// </summary>
public sealed class TraceColumns
{
    public static readonly DataField<long> TimeUs = new("time_us");
    public static readonly DataField<int> KindId = new("kind_id");
    public static readonly DataField<long?> Id = new("id");
    public static readonly DataField<long?> Parent = new("parent");
    public static readonly DataField<int?> SenderId = new("sender_id");
    public static readonly DataField<int?> ReceiverId = new("receiver_id");
    public static readonly DataField<int?> TypeId = new("type_id");
    public static readonly DataField<long?> Bytes = new("bytes");
    public static readonly DataField<int?> Round = new("round");
    public static readonly DataField<int?> ReasonId = new("reason_id");
    public static readonly DataField<int?> EntityId = new("entity_id");
    public static readonly DataField<int?> NameId = new("name_id");
    public static readonly DataField<double?> Value = new("value");
    public static readonly DataField<int?> DetailId = new("detail_id");

    private const string TextSuffix = "_id";
    private static readonly Dictionary<string, TraceKind> Kinds = Enum.GetValues<TraceKind>().ToDictionary(k => k.Name(), StringComparer.Ordinal);

    public static ParquetSchema Schema { get; } = new(TimeUs, KindId, Id, Parent, SenderId, ReceiverId, TypeId, Bytes, Round, ReasonId, EntityId, NameId, Value, DetailId);

    /// <summary>The text columns: numbers of strings in the file's <see cref="TraceText"/>.</summary>
    public static IReadOnlyList<DataField> TextFields { get; } = [KindId, SenderId, ReceiverId, TypeId, ReasonId, EntityId, NameId, DetailId];

    /// <summary>The name a column is shown by (to SQL): a text column's name less its "_id", the string's.</summary>
    public static string ShownName(DataField field) =>
        TextFields.Contains(field) ? field.Name[..^TextSuffix.Length] : field.Name;

    /// <summary>
    /// Every column is a number, so nothing is hashed per row. Integers are delta-encoded before Zstd: times,
    /// ids and text numbers mostly grow by little, so the file halves, and so do the buffers compression takes
    /// (garbage a row group leaves for the collector, which pauses the simulation too).
    /// </summary>
    public static ParquetOptions WriteOptions()
    {
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Zstd, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest };
        foreach (var field in Schema.DataFields.Where(f => f.ClrType == typeof(int) || f.ClrType == typeof(long)))
            options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.DeltaBinaryPacked;
        return options;
    }

    private readonly long[] _time;
    private readonly int[] _kind;
    private readonly long?[] _id;
    private readonly long?[] _parent;
    private readonly int?[] _sender;
    private readonly int?[] _receiver;
    private readonly int?[] _type;
    private readonly long?[] _bytes;
    private readonly int?[] _round;
    private readonly int?[] _reason;
    private readonly int?[] _entity;
    private readonly int?[] _name;
    private readonly double?[] _value;
    private readonly int?[] _detail;
    // The strings the text columns number (read blocks only).
    private readonly IReadOnlyList<string> _text;

    public TraceColumns(int capacity) : this(capacity, [])
    {
    }

    private TraceColumns(int capacity, IReadOnlyList<string> text)
    {
        _time = new long[capacity];
        _kind = new int[capacity];
        _id = new long?[capacity];
        _parent = new long?[capacity];
        _sender = new int?[capacity];
        _receiver = new int?[capacity];
        _type = new int?[capacity];
        _bytes = new long?[capacity];
        _round = new int?[capacity];
        _reason = new int?[capacity];
        _entity = new int?[capacity];
        _name = new int?[capacity];
        _value = new double?[capacity];
        _detail = new int?[capacity];
        _text = text;
    }

    public int Count { get; private set; }

    public int Capacity => _time.Length;

    /// <summary>A message; text arguments are numbers in the writer's <see cref="TraceText"/>.</summary>
    public void AddMessage(long timeUs, TraceKind kind, long id, long? parent, int? from, int? to, int? type, long bytes, int? round, int? reason)
    {
        int i = Next(timeUs, kind);
        _id[i] = id;
        _parent[i] = parent;
        _sender[i] = from;
        _receiver[i] = to;
        _type[i] = type;
        _bytes[i] = bytes;
        _round[i] = round;
        _reason[i] = reason;
    }

    public void AddMetric(long timeUs, int? entity, int round, int? name, double value)
    {
        int i = Next(timeUs, TraceKind.Metric);
        _entity[i] = entity;
        _round[i] = round;
        _name[i] = name;
        _value[i] = value;
    }

    /// <summary>A fault; a null entity means the whole network.</summary>
    public void AddFault(long timeUs, int? entity, int? name, int? detail)
    {
        int i = Next(timeUs, TraceKind.Fault);
        _entity[i] = entity;
        _name[i] = name;
        _detail[i] = detail;
    }

    // A row starts with every optional column null: the arrays are reused from one row group to the next.
    private int Next(long timeUs, TraceKind kind)
    {
        int i = Count++;
        _time[i] = timeUs;
        _kind[i] = (int)kind;
        _id[i] = null;
        _parent[i] = null;
        _sender[i] = null;
        _receiver[i] = null;
        _type[i] = null;
        _bytes[i] = null;
        _round[i] = null;
        _reason[i] = null;
        _entity[i] = null;
        _name[i] = null;
        _value[i] = null;
        _detail[i] = null;
        return i;
    }

    /// <summary>Writes the rows held as one row group and empties the block.</summary>
    public async Task WriteRowGroupAsync(ParquetWriter writer)
    {
        int n = Count;
        using (var group = writer.CreateRowGroup())
        {
            await group.WriteAsync<long>(TimeUs, _time.AsMemory(0, n));
            await group.WriteAsync<int>(KindId, _kind.AsMemory(0, n));
            await group.WriteAsync<long>(Id, _id.AsMemory(0, n));
            await group.WriteAsync<long>(Parent, _parent.AsMemory(0, n));
            await group.WriteAsync<int>(SenderId, _sender.AsMemory(0, n));
            await group.WriteAsync<int>(ReceiverId, _receiver.AsMemory(0, n));
            await group.WriteAsync<int>(TypeId, _type.AsMemory(0, n));
            await group.WriteAsync<long>(Bytes, _bytes.AsMemory(0, n));
            await group.WriteAsync<int>(Round, _round.AsMemory(0, n));
            await group.WriteAsync<int>(ReasonId, _reason.AsMemory(0, n));
            await group.WriteAsync<int>(EntityId, _entity.AsMemory(0, n));
            await group.WriteAsync<int>(NameId, _name.AsMemory(0, n));
            await group.WriteAsync<double>(Value, _value.AsMemory(0, n));
            await group.WriteAsync<int>(DetailId, _detail.AsMemory(0, n));
            group.CompleteValidate();
        }
        Count = 0;
    }

    /// <summary>Reads one row group into a block of its size, its text columns numbering the strings of <paramref name="text"/>.</summary>
    public static async Task<TraceColumns> ReadRowGroupAsync(ParquetRowGroupReader group, IReadOnlyList<string> text)
    {
        var c = new TraceColumns(checked((int)group.RowCount), text);
        await group.ReadAsync<long>(TimeUs, c._time.AsMemory());
        await group.ReadAsync<int>(KindId, c._kind.AsMemory());
        await group.ReadAsync<long>(Id, c._id.AsMemory());
        await group.ReadAsync<long>(Parent, c._parent.AsMemory());
        await group.ReadAsync<int>(SenderId, c._sender.AsMemory());
        await group.ReadAsync<int>(ReceiverId, c._receiver.AsMemory());
        await group.ReadAsync<int>(TypeId, c._type.AsMemory());
        await group.ReadAsync<long>(Bytes, c._bytes.AsMemory());
        await group.ReadAsync<int>(Round, c._round.AsMemory());
        await group.ReadAsync<int>(ReasonId, c._reason.AsMemory());
        await group.ReadAsync<int>(EntityId, c._entity.AsMemory());
        await group.ReadAsync<int>(NameId, c._name.AsMemory());
        await group.ReadAsync<double>(Value, c._value.AsMemory());
        await group.ReadAsync<int>(DetailId, c._detail.AsMemory());
        c.Count = c.Capacity;
        c.CheckText();
        return c;
    }

    // Every number in a text column must name a string of the table: checked once here, not on each row read.
    private void CheckText()
    {
        foreach (var (field, column) in new[] { (SenderId, _sender), (ReceiverId, _receiver), (TypeId, _type), (ReasonId, _reason), (EntityId, _entity), (NameId, _name), (DetailId, _detail) })
        {
            foreach (var id in column)
            {
                if (id is { } n && (uint)n >= (uint)_text.Count)
                    throw new TraceFormatException($"{field.Name} {n} numbers no string of the file's {_text.Count}");
            }
        }
        foreach (int n in _kind)
        {
            if ((uint)n >= (uint)_text.Count)
                throw new TraceFormatException($"{KindId.Name} {n} numbers no string of the file's {_text.Count}");
        }
    }

    private string? Text(int? id) => id is { } n ? _text[n] : null;

    /// <summary>Row <paramref name="i"/> as the record the tools read; null when its kind is unknown.</summary>
    public TraceEntry? Entry(int i, long line)
    {
        if (!Kinds.TryGetValue(KindText(i), out var kind))
            return null;
        return new TraceEntry
        {
            Line = line,
            TimeUs = _time[i],
            Kind = kind,
            Id = _id[i] ?? 0,
            Parent = _parent[i],
            From = Text(_sender[i]),
            To = Text(_receiver[i]),
            Type = Text(_type[i]),
            Bytes = _bytes[i] ?? 0,
            Round = _round[i],
            Reason = Text(_reason[i]),
            Entity = Text(_entity[i]),
            Name = Text(_name[i]),
            Value = _value[i] ?? 0,
            Detail = Text(_detail[i]),
        };
    }

    /// <summary>The kind text of row <paramref name="i"/> (for an error message).</summary>
    public string KindText(int i) => _text[_kind[i]];
}
