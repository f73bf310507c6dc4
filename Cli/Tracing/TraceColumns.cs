using MaLAM4Com.Engine.Tracing;
using Parquet;
using Parquet.Schema;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// The one definition of a Parquet trace's columns, and a block of rows in them (a row group), filled
/// record by record for writing or read whole from a file. Columns, in this order: <c>time_us</c> (int64,
/// simulated µs), <c>kind</c> (send|deliver|drop|metric|fault), then, null where a record has none:
/// <c>id</c>, <c>parent</c> (int64), <c>sender</c>, <c>receiver</c>, <c>type</c>, <c>bytes</c> (int64),
/// <c>round</c> (int32), <c>reason</c> for messages; <c>entity</c>, <c>round</c>, <c>name</c>, <c>value</c>
/// (double) for metrics; <c>entity</c>, <c>name</c>, <c>detail</c> for faults. They hold what a JSON Lines
/// record holds, key for key (<c>t</c>, <c>ev</c>, <c>from</c> and <c>to</c> renamed: the last two are SQL
/// keywords), so a trace converts to Parquet and back to the same bytes. Strings are dictionary-encoded.
/// </summary>
public sealed class TraceColumns
{
    public static readonly DataField<long> TimeUs = new("time_us");
    public static readonly DataField<string> Kind = new("kind", false);
    public static readonly DataField<long?> Id = new("id");
    public static readonly DataField<long?> Parent = new("parent");
    public static readonly DataField<string> Sender = new("sender");
    public static readonly DataField<string> Receiver = new("receiver");
    public static readonly DataField<string> Type = new("type");
    public static readonly DataField<long?> Bytes = new("bytes");
    public static readonly DataField<int?> Round = new("round");
    public static readonly DataField<string> Reason = new("reason");
    public static readonly DataField<string> Entity = new("entity");
    public static readonly DataField<string> Name = new("name");
    public static readonly DataField<double?> Value = new("value");
    public static readonly DataField<string> Detail = new("detail");

    private static readonly Dictionary<string, TraceKind> Kinds = Enum.GetValues<TraceKind>().ToDictionary(k => k.Name(), StringComparer.Ordinal);
    private static readonly DataField<string>[] Strings = [Kind, Sender, Receiver, Type, Reason, Entity, Name, Detail];

    public static ParquetSchema Schema { get; } = new(TimeUs, Kind, Id, Parent, Sender, Receiver, Type, Bytes, Round, Reason, Entity, Name, Value, Detail);

    /// <summary>Zstd-compressed, every string column dictionary-encoded (a trace repeats a few thousand names millions of times).</summary>
    public static ParquetOptions WriteOptions()
    {
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Zstd, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest };
        foreach (var field in Strings)
            options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.Dictionary;
        return options;
    }

    private readonly long[] _time;
    private readonly string?[] _kind;
    private readonly long?[] _id;
    private readonly long?[] _parent;
    private readonly string?[] _sender;
    private readonly string?[] _receiver;
    private readonly string?[] _type;
    private readonly long?[] _bytes;
    private readonly int?[] _round;
    private readonly string?[] _reason;
    private readonly string?[] _entity;
    private readonly string?[] _name;
    private readonly double?[] _value;
    private readonly string?[] _detail;

    public TraceColumns(int capacity)
    {
        _time = new long[capacity];
        _kind = new string?[capacity];
        _id = new long?[capacity];
        _parent = new long?[capacity];
        _sender = new string?[capacity];
        _receiver = new string?[capacity];
        _type = new string?[capacity];
        _bytes = new long?[capacity];
        _round = new int?[capacity];
        _reason = new string?[capacity];
        _entity = new string?[capacity];
        _name = new string?[capacity];
        _value = new double?[capacity];
        _detail = new string?[capacity];
    }

    public int Count { get; private set; }

    public int Capacity => _time.Length;

    public void AddMessage(long timeUs, TraceKind kind, long id, long? parent, string? from, string? to, string? type, long bytes, int? round, string? reason)
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

    public void AddMetric(long timeUs, string? entity, int round, string? name, double value)
    {
        int i = Next(timeUs, TraceKind.Metric);
        _entity[i] = entity;
        _round[i] = round;
        _name[i] = name;
        _value[i] = value;
    }

    /// <summary>A fault; a null entity means the whole network.</summary>
    public void AddFault(long timeUs, string? entity, string? name, string? detail)
    {
        int i = Next(timeUs, TraceKind.Fault);
        _entity[i] = entity;
        _name[i] = name;
        _detail[i] = detail;
    }

    public void Add(TraceEntry e)
    {
        switch (e.Kind)
        {
            case TraceKind.Metric:
                AddMetric(e.TimeUs, e.Entity, e.Round ?? TraceRecord.NoRound, e.Name, e.Value);
                break;
            case TraceKind.Fault:
                AddFault(e.TimeUs, e.Entity, e.Name, e.Detail);
                break;
            default:
                AddMessage(e.TimeUs, e.Kind, e.Id, e.Parent, e.From, e.To, e.Type, e.Bytes, e.Round, e.Reason);
                break;
        }
    }

    // A row starts with every optional column null: the arrays are reused from one row group to the next.
    private int Next(long timeUs, TraceKind kind)
    {
        int i = Count++;
        _time[i] = timeUs;
        _kind[i] = kind.Name();
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
            await group.WriteAsync(Kind, new ArraySegment<string>(_kind!, 0, n));
            await group.WriteAsync<long>(Id, _id.AsMemory(0, n));
            await group.WriteAsync<long>(Parent, _parent.AsMemory(0, n));
            await group.WriteAsync(Sender, new ArraySegment<string>(_sender!, 0, n));
            await group.WriteAsync(Receiver, new ArraySegment<string>(_receiver!, 0, n));
            await group.WriteAsync(Type, new ArraySegment<string>(_type!, 0, n));
            await group.WriteAsync<long>(Bytes, _bytes.AsMemory(0, n));
            await group.WriteAsync<int>(Round, _round.AsMemory(0, n));
            await group.WriteAsync(Reason, new ArraySegment<string>(_reason!, 0, n));
            await group.WriteAsync(Entity, new ArraySegment<string>(_entity!, 0, n));
            await group.WriteAsync(Name, new ArraySegment<string>(_name!, 0, n));
            await group.WriteAsync<double>(Value, _value.AsMemory(0, n));
            await group.WriteAsync(Detail, new ArraySegment<string>(_detail!, 0, n));
            group.CompleteValidate();
        }
        Count = 0;
    }

    /// <summary>Reads one row group into a block of its size.</summary>
    public static async Task<TraceColumns> ReadRowGroupAsync(ParquetRowGroupReader group)
    {
        var c = new TraceColumns(checked((int)group.RowCount));
        await group.ReadAsync<long>(TimeUs, c._time.AsMemory());
        await group.ReadAsync(Kind, c._kind.AsMemory());
        await group.ReadAsync<long>(Id, c._id.AsMemory());
        await group.ReadAsync<long>(Parent, c._parent.AsMemory());
        await group.ReadAsync(Sender, c._sender.AsMemory());
        await group.ReadAsync(Receiver, c._receiver.AsMemory());
        await group.ReadAsync(Type, c._type.AsMemory());
        await group.ReadAsync<long>(Bytes, c._bytes.AsMemory());
        await group.ReadAsync<int>(Round, c._round.AsMemory());
        await group.ReadAsync(Reason, c._reason.AsMemory());
        await group.ReadAsync(Entity, c._entity.AsMemory());
        await group.ReadAsync(Name, c._name.AsMemory());
        await group.ReadAsync<double>(Value, c._value.AsMemory());
        await group.ReadAsync(Detail, c._detail.AsMemory());
        c.Count = c.Capacity;
        return c;
    }

    /// <summary>Row <paramref name="i"/> as the record the tools read; null when its kind is unknown.</summary>
    public TraceEntry? Entry(int i, long line)
    {
        if (_kind[i] is not { } k || !Kinds.TryGetValue(k, out var kind))
            return null;
        return new TraceEntry
        {
            Line = line,
            TimeUs = _time[i],
            Kind = kind,
            Id = _id[i] ?? 0,
            Parent = _parent[i],
            From = _sender[i],
            To = _receiver[i],
            Type = _type[i],
            Bytes = _bytes[i] ?? 0,
            Round = _round[i],
            Reason = _reason[i],
            Entity = _entity[i],
            Name = _name[i],
            Value = _value[i] ?? 0,
            Detail = _detail[i],
        };
    }

    /// <summary>The kind text of row <paramref name="i"/> (for an error message).</summary>
    public string? KindText(int i) => _kind[i];
}
