using System.Buffers.Binary;
using System.Text;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Scheduler.Storage.Sql;

/// <summary>Rows for <c>COPY table (columns) FROM STDIN (FORMAT BINARY)</c>, encoded here and sent through the raw COPY
/// stream: the signature and header, then per row a 16-bit field count and each field as a 32-bit length (-1 for NULL)
/// and its bytes (text as UTF-8, <c>integer</c> and <c>bigint</c> big-endian, <c>boolean</c> one byte, <c>date</c> days since
/// 2000-01-01, <c>time</c> microseconds since midnight, one-dimensional arrays with their element type's oid), and a
/// trailer. Npgsql's binary importer resolved and compiled a converter per type the first time a process wrote one
/// (0.3 s of a national commit by `JitInfo`, its text arrays the most); this is one small encoder.</summary>
internal sealed class PostgresCopyWriter
{
    private const int Flush = 1 << 16;
    /// <summary>The binary COPY format's signature, the first 11 bytes of every stream.</summary>
    internal static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    /// <summary>The day number (<see cref="DateOnly.DayNumber"/>) of 2000-01-01, day 0 of a binary <c>date</c>.</summary>
    internal static readonly int DateEpoch = new DateOnly(2000, 1, 1).DayNumber;
    // The element types' oids (pg_type), fixed since PostgreSQL's first releases.
    private const int Int4Oid = 23;
    private const int TextOid = 25;

    private byte[] _buffer = new byte[Flush * 2];
    private int _length;

    /// <summary>Writes <paramref name="rows"/> into <paramref name="table"/> inside the connection's transaction; a failure
    /// (or a stop) before the last row cancels the COPY, so none of its rows lands.</summary>
    public static async Task RunAsync(NpgsqlConnection connection, string table, IReadOnlyList<BulkColumn> columns, IEnumerable<object?[]> rows,
        CancellationToken ct)
    {
        var names = string.Join(", ", columns.Select(c => c.Name));
        var stream = await connection.BeginRawBinaryCopyAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", ct);
        var writer = new PostgresCopyWriter();
        try
        {
            writer.Bytes(Signature);
            writer.Int32(0); // flags
            writer.Int32(0); // header extension
            foreach (var row in rows)
            {
                writer.Row(table, columns, row);
                if (writer._length >= Flush)
                    await writer.FlushAsync(stream, ct);
            }
            writer.Int16(-1);
            await writer.FlushAsync(stream, ct);
        }
        catch
        {
            await CancelAsync(stream);
            throw;
        }
        // Ends the COPY: the server checks the rows' constraints and answers here.
        await stream.DisposeAsync();
    }

    /// <summary>Cancels the COPY (the server drops its rows); a connection that broke on the way has lost its transaction
    /// already, and the failure that led here is the one to tell.</summary>
    private static async Task CancelAsync(NpgsqlRawCopyStream stream)
    {
        try
        {
            await stream.CancelAsync();
            await stream.DisposeAsync();
        }
        catch (Exception e) when (e is NpgsqlException or IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private async ValueTask FlushAsync(Stream stream, CancellationToken ct)
    {
        await stream.WriteAsync(_buffer.AsMemory(0, _length), ct);
        _length = 0;
    }

    private void Row(string table, IReadOnlyList<BulkColumn> columns, object?[] row)
    {
        if (row.Length != columns.Count)
            throw new ArgumentException($"{table}: a row of {row.Length} values for {columns.Count} columns");
        Int16((short)columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            var type = columns[i].PgType;
            switch (row[i])
            {
                case null: Int32(-1); break;
                case string text when type == NpgsqlDbType.Text: Text(text); break;
                case Utf8Text utf8 when type == NpgsqlDbType.Text: Int32(utf8.Bytes.Length); Bytes(utf8.Bytes); break;
                case int number when type == NpgsqlDbType.Integer: Int32(4); Int32(number); break;
                case int number when type == NpgsqlDbType.Bigint: Int32(8); Int64(number); break;
                case long number when type == NpgsqlDbType.Bigint: Int32(8); Int64(number); break;
                case long number when type == NpgsqlDbType.Integer: Int32(4); Int32(checked((int)number)); break;
                case byte[] bytes when type == NpgsqlDbType.Bytea: Int32(bytes.Length); Bytes(bytes); break;
                case bool flag when type == NpgsqlDbType.Boolean: Int32(1); Byte(flag ? (byte)1 : (byte)0); break;
                case LocalDate date when type == NpgsqlDbType.Date: Int32(4); Int32(date.ToDateOnly().DayNumber - DateEpoch); break;
                case LocalTime time when type == NpgsqlDbType.Time: Int32(8); Int64(time.TickOfDay / (NodaConstants.TicksPerMillisecond / 1000)); break;
                case int[] numbers when type == (NpgsqlDbType.Array | NpgsqlDbType.Integer): Integers(numbers); break;
                case string?[] texts when type == (NpgsqlDbType.Array | NpgsqlDbType.Text): Texts(texts); break;
                case var other:
                    throw new ArgumentException($"{table}.{columns[i].Name}: no binary COPY encoding of a {other.GetType().Name} as {type}");
            }
        }
    }

    private void Integers(int[] numbers)
    {
        var at = Field();
        ArrayHeader(numbers.Length, hasNull: false, Int4Oid);
        foreach (var number in numbers)
        {
            Int32(4);
            Int32(number);
        }
        EndField(at);
    }

    private void Texts(string?[] texts)
    {
        var at = Field();
        ArrayHeader(texts.Length, texts.Contains(null), TextOid);
        foreach (var text in texts)
        {
            if (text is null)
                Int32(-1);
            else
                Text(text);
        }
        EndField(at);
    }

    /// <summary>A one-dimensional array's header, or an empty array's (no dimensions).</summary>
    private void ArrayHeader(int count, bool hasNull, int elementOid)
    {
        Int32(count == 0 ? 0 : 1);
        Int32(hasNull ? 1 : 0);
        Int32(elementOid);
        if (count > 0)
        {
            Int32(count);
            Int32(1); // lower bound
        }
    }

    /// <summary>Starts a field whose length is known once it is written: its place, filled by <see cref="EndField"/>.</summary>
    private int Field()
    {
        Int32(0);
        return _length;
    }

    private void EndField(int start) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(start - 4), _length - start);

    private void Text(string text)
    {
        var at = Field();
        Room(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
        EndField(at);
    }

    private void Room(int bytes)
    {
        if (_length + bytes > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        Room(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Byte(byte value)
    {
        Room(1);
        _buffer[_length++] = value;
    }

    private void Int16(short value)
    {
        Room(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), value);
        _length += 2;
    }

    private void Int32(int value)
    {
        Room(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    private void Int64(long value)
    {
        Room(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }
}
