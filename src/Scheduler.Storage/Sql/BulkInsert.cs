using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Scheduler.Storage.Sql;

/// <summary>A column of a bulk insert: its name and its PostgreSQL type for binary COPY.</summary>
internal readonly record struct BulkColumn(string Name, NpgsqlDbType PgType);

/// <summary>A text value given as its UTF-8 bytes (SQLite binds them as they are; a large JSON document need not become a
/// string of twice its size and be encoded back).</summary>
internal sealed record Utf8Text(byte[] Bytes);

/// <summary>Fast inserts of many rows inside the caller's transaction: binary COPY on PostgreSQL (<see cref="PostgresCopyWriter"/>),
/// one prepared INSERT stepped per row on SQLite. Table and column names are code constants; every
/// value goes as a parameter (SQLite) or in the COPY stream (PostgreSQL).</summary>
internal static class BulkInsert
{
    public static async Task RunAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns,
        IEnumerable<object?[]> rows, CancellationToken ct)
    {
        if (connection is NpgsqlConnection pg)
        {
            await PostgresCopyWriter.RunAsync(pg, table, columns, rows, ct);
            return;
        }
        var names = string.Join(", ", columns.Select(c => c.Name));

        // On SQLite, one statement prepared on the connection's own handle (inside the caller's transaction), each row's values
        // bound and the statement stepped and reset: Microsoft.Data.Sqlite's ExecuteNonQuery opens a data reader per row.
        var sqlite = (SqliteConnection)connection;
        var db = sqlite.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        SqliteNative.Check(db, raw.sqlite3_prepare_v2(db, $"INSERT INTO {table} ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => $"?{i + 1}"))})",
            out var statement));
        using (statement)
        {
            var utf8 = new byte[256];
            var count = 0;
            foreach (var row in rows)
            {
                if (++count % 10_000 == 0)
                    ct.ThrowIfCancellationRequested();
                for (var i = 0; i < columns.Count; i++)
                {
                    var rc = SqlText.ForSqlite(row[i]) switch
                    {
                        DBNull => raw.sqlite3_bind_null(statement, i + 1),
                        string text => raw.sqlite3_bind_text(statement, i + 1, Utf8(text, ref utf8)),
                        long number => raw.sqlite3_bind_int64(statement, i + 1, number),
                        int number => raw.sqlite3_bind_int64(statement, i + 1, number),
                        double number => raw.sqlite3_bind_double(statement, i + 1, number),
                        byte[] bytes => raw.sqlite3_bind_blob(statement, i + 1, bytes),
                        Utf8Text text => raw.sqlite3_bind_text(statement, i + 1, text.Bytes.AsSpan()),
                        var other => throw new ArgumentException($"{table}.{columns[i].Name}: no SQLite value for a {other.GetType().Name}"),
                    };
                    SqliteNative.Check(db, rc);
                }
                var step = raw.sqlite3_step(statement);
                if (step != raw.SQLITE_DONE)
                    SqliteNative.Check(db, step);
                SqliteNative.Check(db, raw.sqlite3_reset(statement));
            }
        }
    }

    /// <summary><paramref name="text"/> in UTF-8, in <paramref name="buffer"/> (grown when too small).</summary>
    private static ReadOnlySpan<byte> Utf8(string text, ref byte[] buffer)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > buffer.Length)
            buffer = new byte[most];
        return buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer));
    }
}
