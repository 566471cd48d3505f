using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;
using Scheduler.Storage.Sql;
using SQLitePCL;

namespace Scheduler.Storage.Read;

/// <summary>The rows of one of a snapshot's two large reads (a national month: 250,000 cases, 450,000
/// applicants), column by column from each value's bytes where they lie: ids as new strings, codes as
/// one string per distinct value (made only the first time its bytes are seen), dates without a string
/// between. On SQLite the statement is stepped on the connection's own handle, inside its transaction
/// (Microsoft.Data.Sqlite's reader costs a string, or a boxed check, for every value: two thirds of the
/// read's time); on PostgreSQL the query's rows come as a binary COPY, parsed here (Npgsql's data reader
/// made a string of every code; a batch's read took 1.35-1.98 s this way against 1.65-2.58 s). Its per-value
/// methods, and the rest of the per-row path (the merge's, the codes'), are compiled optimized at their first call
/// (<c>AggressiveOptimization</c>): a batch reads its 700,000 rows while its process is still starting, and the
/// runtime kept putting off their optimized compilation while new methods kept being compiled, so they ran
/// unoptimized, and uninlined behind their virtual calls, for most of the read (a seventh of a read's samples in
/// <c>perf</c>).</summary>
internal abstract class SnapshotRows : IAsyncDisposable
{
    private readonly Dictionary<string, string> _codes = new(StringComparer.Ordinal);

    /// <summary>The rows of <paramref name="sql"/>, run with the month as <c>@Month</c> inside <paramref name="transaction"/>.</summary>
    public static async Task<SnapshotRows> OpenAsync(DbConnection connection, DbTransaction transaction, string sql, YearMonth month,
        CancellationToken ct)
    {
        if (connection is SqliteConnection sqlite)
            return new SqliteRows(sqlite, sql, SqlText.Month(month));
        return await PostgresCopyRows.OpenAsync((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, sql, SqlText.Month(month), ct);
    }

    /// <summary>Moves to the next row; false after the last.</summary>
    public abstract ValueTask<bool> ReadAsync(CancellationToken ct);

    public abstract bool IsNull(int column);

    public abstract long Int64(int column);

    public abstract bool Boolean(int column);

    /// <summary>The column's UTF-8 bytes; false when it is NULL.</summary>
    protected abstract bool TryText(int column, out ReadOnlySpan<byte> bytes);

    /// <summary>The column's text, a new string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Text(int column) => Encoding.UTF8.GetString(NotNull(column));

    /// <summary>The column's text: <paramref name="previous"/> itself when it spells the same (a case's id on each of its
    /// applicants' rows, which stand together), else a new string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string TextOr(int column, string? previous)
    {
        var bytes = NotNull(column);
        return previous is not null && SameAscii(bytes, previous) ? previous : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The column's text, the same string for every row that holds the same code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Code(int column) => Code(NotNull(column));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? CodeOrNull(int column) => TryText(column, out var bytes) ? Code(bytes) : null;

    public abstract LocalDate Date(int column);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public virtual LocalDate? DateOrNull(int column) => IsNull(column) ? null : Date(column);

    public abstract ValueTask DisposeAsync();

    /// <summary>A NOT NULL column's bytes (the schema's constraints keep NULL out; SQLite gives no text when out of memory).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected ReadOnlySpan<byte> NotNull(int column) =>
        TryText(column, out var bytes) ? bytes : throw new InvalidOperationException($"column {column} of a snapshot row is NULL");

    /// <summary>True when <paramref name="bytes"/> are <paramref name="text"/>'s characters, all of them ASCII (ids are).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool SameAscii(ReadOnlySpan<byte> bytes, string text)
    {
        if (bytes.Length != text.Length)
            return false;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != text[i] || bytes[i] >= 0x80)
                return false;
        }
        return true;
    }

    /// <summary>The one string kept for the code spelled by <paramref name="bytes"/>, made only the first time it is seen.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Code(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 64)
            return Intern(Encoding.UTF8.GetString(bytes));
        Span<char> chars = stackalloc char[64];
        return Intern(chars[..Encoding.UTF8.GetChars(bytes, chars)]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Intern(string text)
    {
        if (_codes.TryGetValue(text, out var seen))
            return seen;
        _codes[text] = text;
        return text;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Intern(ReadOnlySpan<char> chars)
    {
        var lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars, out var seen))
            return seen;
        var text = chars.ToString();
        _codes[text] = text;
        return text;
    }

    private sealed class SqliteRows : SnapshotRows
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;
        // The statement's raw handle for SqliteColumns; _statement keeps it alive until DisposeAsync.
        private readonly IntPtr _handle;
        private long _rows;

        public SqliteRows(SqliteConnection connection, string sql, string month)
        {
            _db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
            SqliteNative.Check(_db, raw.sqlite3_prepare_v2(_db, sql, out _statement));
            _handle = _statement.DangerousGetHandle();
            var index = raw.sqlite3_bind_parameter_index(_statement, "@Month");
            if (index > 0)
                SqliteNative.Check(_db, raw.sqlite3_bind_text(_statement, index, month));
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override ValueTask<bool> ReadAsync(CancellationToken ct)
        {
            if (++_rows % 4096 == 0)
                ct.ThrowIfCancellationRequested();
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_ROW)
                return ValueTask.FromResult(true);
            if (rc == raw.SQLITE_DONE)
                return ValueTask.FromResult(false);
            SqliteNative.Check(_db, rc);
            return ValueTask.FromResult(false);
        }

        public override bool IsNull(int column) =>
            Direct ? SqliteColumns.IsNull(_handle, column) : raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override long Int64(int column) => Direct ? SqliteColumns.Int64(_handle, column) : raw.sqlite3_column_int64(_statement, column);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override bool Boolean(int column) => Int64(column) != 0;

        /// <summary>Values read through <see cref="SqliteColumns"/>, else through SQLitePCLRaw (another provider than e_sqlite3).</summary>
        private static bool Direct => SqliteColumns.Usable;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        protected override bool TryText(int column, out ReadOnlySpan<byte> bytes)
        {
            if (Direct)
                return SqliteColumns.TryText(_handle, column, out bytes);
            bytes = raw.sqlite3_column_blob(_statement, column);
            return bytes.Length > 0 || raw.sqlite3_column_type(_statement, column) != raw.SQLITE_NULL;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override LocalDate? DateOrNull(int column) => TryText(column, out var bytes) ? Date(bytes) : null;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override LocalDate Date(int column) => Date(NotNull(column));

        /// <summary>An ISO date (<c>yyyy-MM-dd</c>, as the store writes them) read from its bytes; anything else goes to
        /// the date pattern, which names what is wrong with it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static LocalDate Date(ReadOnlySpan<byte> b)
        {
            if (b.Length == 10 && b[4] == '-' && b[7] == '-'
                && Digits(b[..4], out var year) && Digits(b.Slice(5, 2), out var month) && Digits(b.Slice(8, 2), out var day)
                && month is >= 1 and <= 12 && day >= 1 && day <= CalendarSystem.Iso.GetDaysInMonth(year, month))
                return new LocalDate(year, month, day);
            return SqlText.ParseDate(Encoding.UTF8.GetString(b));
        }

        private static bool Digits(ReadOnlySpan<byte> bytes, out int value)
        {
            value = 0;
            foreach (var b in bytes)
            {
                if (b is < (byte)'0' or > (byte)'9')
                    return false;
                value = value * 10 + (b - '0');
            }
            return true;
        }

        public override ValueTask DisposeAsync()
        {
            _statement.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
