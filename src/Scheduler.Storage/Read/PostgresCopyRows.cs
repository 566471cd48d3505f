using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using NodaTime;
using Npgsql;
using Scheduler.Storage.Sql;

namespace Scheduler.Storage.Read;

/// <summary>A snapshot query's rows on PostgreSQL, as <c>COPY (query) TO STDOUT (FORMAT BINARY)</c> sends them, parsed
/// here from the raw stream: each row a 16-bit field count, then each field's 32-bit length (-1 for NULL) and its bytes
/// (text as UTF-8, <c>bigint</c> as 8 bytes big-endian, <c>date</c> as 4 bytes of days since 2000-01-01, <c>boolean</c>
/// as one byte). A row is read whole into the buffer and its columns are spans of it: no value passes through an object.
/// COPY takes no parameters, so the month is the transaction's own setting (<c>scheduler.month</c>), set by a
/// parameterized <c>set_config</c> and read by the query where it says <c>@Month</c>.</summary>
internal sealed class PostgresCopyRows : SnapshotRows
{
    private readonly NpgsqlRawCopyStream _stream;
    private byte[] _buffer = new byte[1 << 16];
    // The row in hand starts at _row and the next at _next; _end is where the bytes read so far end.
    private int _row, _next, _end;
    private int[] _offsets = new int[16];
    private int[] _lengths = new int[16];
    private bool _started, _over;
    private long _rows;

    private readonly CancellationTokenRegistration _cancel;

    private PostgresCopyRows(NpgsqlRawCopyStream stream, CancellationToken ct)
    {
        _stream = stream;
        // The reads are synchronous (see Fill): a stop request asks the server to cancel the COPY, which ends a read waiting on it.
        _cancel = ct.UnsafeRegister(static s => ((NpgsqlRawCopyStream)s!).Cancel(), stream);
    }

    public static async Task<PostgresCopyRows> OpenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string month,
        CancellationToken ct)
    {
        await using (var command = new NpgsqlCommand("SELECT set_config('scheduler.month', @Month, true)", connection, transaction))
        {
            command.Parameters.AddWithValue("Month", month);
            await command.ExecuteScalarAsync(ct);
        }
        var query = sql.Replace("@Month", "current_setting('scheduler.month')", StringComparison.Ordinal);
        var stream = await connection.BeginRawBinaryCopyAsync($"COPY ({query}) TO STDOUT (FORMAT BINARY)", ct);
        return new PostgresCopyRows(stream, ct);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override ValueTask<bool> ReadAsync(CancellationToken ct)
    {
        if (_over)
            return ValueTask.FromResult(false);
        if (++_rows % 4096 == 0)
            ct.ThrowIfCancellationRequested();
        try
        {
            return ValueTask.FromResult(Read());
        }
        catch (Exception e) when (e is not OperationCanceledException && ct.IsCancellationRequested)
        {
            // The server's answer to the cancel request (see the constructor) is the stop it was asked for.
            throw new OperationCanceledException("the snapshot's read was stopped", e, ct);
        }
    }

    private bool Read()
    {
        if (!_started)
        {
            while (!TryHeader())
                Fill();
            _started = true;
        }
        _row = _next;
        while (true)
        {
            var row = TryRow();
            if (row == Row.Complete)
                return true;
            if (row == Row.Trailer)
            {
                _over = true;
                // The stream ends after the trailer; reading it to its end leaves the connection ready for the next command.
                while (_stream.Read(_buffer) > 0)
                {
                }
                _cancel.Dispose();
                return false;
            }
            Fill();
        }
    }

    private enum Row { Incomplete, Complete, Trailer }

    /// <summary>The header (signature, flags, extension) when all of it is in the buffer.</summary>
    private bool TryHeader()
    {
        var bytes = _buffer.AsSpan(0, _end);
        if (bytes.Length < 19)
            return false;
        if (!bytes[..11].SequenceEqual(PostgresCopyWriter.Signature))
            throw new InvalidDataException("the snapshot's COPY did not start with PostgreSQL's binary signature");
        var extension = BinaryPrimitives.ReadInt32BigEndian(bytes[15..]);
        if (bytes.Length < 19 + extension)
            return false;
        _next = 19 + extension;
        return true;
    }

    /// <summary>Finds the fields of the row at <see cref="_row"/> when all of it is in the buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Row TryRow()
    {
        var bytes = _buffer.AsSpan(0, _end);
        var at = _row;
        if (bytes.Length - at < 2)
            return Row.Incomplete;
        var fields = BinaryPrimitives.ReadInt16BigEndian(bytes[at..]);
        if (fields == -1)
            return Row.Trailer;
        if (fields > _offsets.Length)
        {
            _offsets = new int[fields];
            _lengths = new int[fields];
        }
        at += 2;
        for (var i = 0; i < fields; i++)
        {
            if (bytes.Length - at < 4)
                return Row.Incomplete;
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes[at..]);
            at += 4;
            _offsets[i] = at;
            _lengths[i] = length;
            if (length > 0)
            {
                if (bytes.Length - at < length)
                    return Row.Incomplete;
                at += length;
            }
        }
        _next = at;
        return Row.Complete;
    }

    /// <summary>Reads more of the stream after the row in hand's start (moved to the buffer's start, the buffer doubled when
    /// the row fills it); the stream ending there is an error. Read synchronously: the server sends each row as a message of
    /// its own and the raw stream gives one message a read, so an asynchronous read cost a state machine and a timer's
    /// start and stop on the connection's cancellation source for every row (a national read 0.25 s slower, 30 MB more
    /// allocated). A snapshot's reads run on threads of their own; a stop request cancels the COPY on the server.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Fill()
    {
        var keep = _started ? _row : 0;
        if (keep > 0)
        {
            _buffer.AsSpan(keep, _end - keep).CopyTo(_buffer);
            _end -= keep;
            _row -= keep;
            _next -= keep;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = _stream.Read(_buffer.AsSpan(_end));
        if (read == 0)
            throw new InvalidDataException("the snapshot's COPY ended inside a row");
        _end += read;
    }

    public override bool IsNull(int column) => _lengths[column] < 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<byte> Field(int column, int size)
    {
        if (_lengths[column] != size)
            throw new InvalidDataException($"column {column} of a snapshot row has {_lengths[column]} bytes, not {size}");
        return _buffer.AsSpan(_offsets[column], size);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override long Int64(int column) => BinaryPrimitives.ReadInt64BigEndian(Field(column, 8));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override bool Boolean(int column) => Field(column, 1)[0] != 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override bool TryText(int column, out ReadOnlySpan<byte> bytes)
    {
        var length = _lengths[column];
        bytes = length < 0 ? default : _buffer.AsSpan(_offsets[column], length);
        return length >= 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override LocalDate Date(int column)
    {
        var days = BinaryPrimitives.ReadInt32BigEndian(Field(column, 4));
        // infinity and -infinity are int.MaxValue and int.MinValue: no date the store writes.
        if (days is int.MaxValue or int.MinValue)
            throw new InvalidDataException($"column {column} of a snapshot row is an infinite date");
        return LocalDate.FromDateOnly(DateOnly.FromDayNumber(PostgresCopyWriter.DateEpoch + days));
    }

    /// <summary>Ends the COPY; left before its end (a failure or a stop on its way out), the rest of the stream is skipped
    /// (a stopped COPY's error with it: the tests dispose inside the stop's <c>await using</c> and still see the stop).</summary>
    public override async ValueTask DisposeAsync()
    {
        await _cancel.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
